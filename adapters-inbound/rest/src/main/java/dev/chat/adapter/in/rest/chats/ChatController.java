package dev.chat.adapter.in.rest.chats;

import dev.chat.adapter.in.rest.ApiMapper;
import dev.chat.adapter.in.rest.ApiRequests.OpenDirectChatRequest;
import dev.chat.adapter.in.rest.ApiViews.ChatSummaryView;
import dev.chat.adapter.in.rest.ApiViews.ChatView;
import dev.chat.adapter.in.rest.security.CallerAttribute;
import dev.chat.application.chats.ListChatsUseCase;
import dev.chat.application.chats.OpenDirectChatUseCase;
import dev.chat.application.identity.Caller;
import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.List;

/** A user's chats: the list with unread counts, one chat, and opening a direct chat. */
@Controller("/api/chats")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "chats")
public class ChatController {
    private final ListChatsUseCase chats;
    private final OpenDirectChatUseCase openDirect;
    private final ApiMapper mapper;

    public ChatController(ListChatsUseCase chats, OpenDirectChatUseCase openDirect, ApiMapper mapper) {
        this.chats = chats;
        this.openDirect = openDirect;
        this.mapper = mapper;
    }

    @Operation(summary = "The caller's chats, most recent first, with last message and unread count for a device")
    @Get
    public List<ChatSummaryView> list(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                                      @Nullable @QueryValue String device) {
        DeviceId deviceId = new DeviceId(device == null ? "api" : device);
        return chats.list(caller, deviceId).stream().map(mapper::toView).toList();
    }

    @Operation(summary = "One chat with its members")
    @Get("/{id}")
    public ChatView get(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller, String id) {
        return mapper.toView(chats.get(caller, ChatId.parse(id)));
    }

    @Operation(summary = "Open the direct chat with a user (the same chat every time)")
    @Post("/direct")
    public ChatView openDirect(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                               @Body OpenDirectChatRequest request) {
        Require.present(request.userId(), "userId");
        return mapper.toView(openDirect.open(caller, UserId.parse(request.userId())));
    }
}
