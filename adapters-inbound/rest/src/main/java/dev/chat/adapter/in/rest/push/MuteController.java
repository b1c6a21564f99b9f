package dev.chat.adapter.in.rest.push;

import dev.chat.adapter.in.rest.security.CallerAttribute;
import dev.chat.application.identity.Caller;
import dev.chat.application.push.MuteChatUseCase;
import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A member's own mute of a chat: no push notification for its messages. */
@Controller("/api/chats/{chatId}/mute")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "push")
public class MuteController {
    private final MuteChatUseCase mutes;

    public MuteController(MuteChatUseCase mutes) {
        this.mutes = mutes;
    }

    @Operation(summary = "Whether the caller muted this chat (404 chat_not_found for a chat they are not in)")
    @Get
    public MuteView get(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller, String chatId) {
        return new MuteView(mutes.isMuted(caller, ChatId.parse(chatId)));
    }

    @Operation(summary = "Mute or unmute this chat for the caller: no push notification for its messages "
            + "(messages still reach connected devices)")
    @Put
    public MuteView put(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller, String chatId,
                        @Body MuteView request) {
        Require.present(request.muted(), "muted");
        return new MuteView(mutes.setMuted(caller, ChatId.parse(chatId), request.muted()));
    }

    @Serdeable
    public record MuteView(@Nullable Boolean muted) {
    }
}
