package dev.chat.adapter.in.rest.messages;

import dev.chat.adapter.in.rest.ApiMapper;
import dev.chat.adapter.in.rest.ApiRequests.AcknowledgeRequest;
import dev.chat.adapter.in.rest.ApiRequests.SendMessageRequest;
import dev.chat.adapter.in.rest.ApiViews.MessagePage;
import dev.chat.adapter.in.rest.ApiViews.MessageView;
import dev.chat.adapter.in.rest.security.CallerAttribute;
import dev.chat.application.identity.Caller;
import dev.chat.application.messaging.AcknowledgeUseCase;
import dev.chat.application.messaging.HistoryPage;
import dev.chat.application.messaging.ReadHistoryUseCase;
import dev.chat.application.messaging.SendMessageCommand;
import dev.chat.application.messaging.SendMessageUseCase;
import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.RequestAttribute;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.util.concurrent.CompletionException;

/** A chat's messages: history pages, sending (for bots and integrations), and device offsets. */
@Controller("/api/chats/{chatId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "messages")
public class MessageController {
    private final ReadHistoryUseCase history;
    private final SendMessageUseCase send;
    private final AcknowledgeUseCase acknowledge;
    private final ApiMapper mapper;

    public MessageController(ReadHistoryUseCase history, SendMessageUseCase send, AcknowledgeUseCase acknowledge,
                             ApiMapper mapper) {
        this.history = history;
        this.send = send;
        this.acknowledge = acknowledge;
        this.mapper = mapper;
    }

    @Operation(summary = "A page of messages, oldest first: after a position (follow 'next') or before one (follow 'previous')",
            description = "With 'after' (default 0): the messages strictly after it, oldest first; 'next' is the "
                    + "cursor of the following page, pass it as 'after'; null at the end. With 'before': the "
                    + "'limit' messages just before it, still oldest first within the page; 'previous' is the "
                    + "cursor of the page before, pass it as 'before'; null once nothing older is left. To read "
                    + "the newest page, pass a 'before' beyond the chat's last position, e.g. 9007199254740991 "
                    + "(2^53-1, the largest integer JavaScript holds exactly). Give 'after' or 'before', not both "
                    + "(400 invalid_input), and neither negative (400 invalid_input). A member sees only the "
                    + "messages after the position at which they joined.")
    @Get("/messages")
    public MessagePage page(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller, String chatId,
                            @Parameter(description = "read forwards: messages strictly after this position (default 0)")
                            @Nullable @QueryValue Long after,
                            @Parameter(description = "read backwards: the messages just before this position; "
                                    + "9007199254740991 gives the newest page")
                            @Nullable @QueryValue Long before,
                            @Parameter(description = "1 to 500, default 50") @Nullable @QueryValue Integer limit) {
        ChatId chat = ChatId.parse(chatId);
        Require.that(after == null || before == null, "give after or before, not both");
        int size = limit == null ? ReadHistoryUseCase.DEFAULT_LIMIT : limit;
        HistoryPage page = before != null
                ? history.before(caller, chat, new Position(before), size)
                : history.after(caller, chat, new Position(after == null ? 0 : after), size);
        return new MessagePage(mapper.toMessageViews(page.messages()), page.next().map(Position::value).orElse(null),
                page.previous().map(Position::value).orElse(null));
    }

    @Operation(summary = "Send a message (201); the same clientMessageId again returns the same message and stores nothing new")
    @Post("/messages")
    @Status(HttpStatus.CREATED)
    public MessageView send(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                                          String chatId, @Body SendMessageRequest request) {
        Require.present(request.clientMessageId(), "clientMessageId");
        Require.present(request.body(), "body");
        Device device = new Device(caller.user(), new DeviceId(request.device() == null ? "api" : request.device()));
        SendMessageCommand command = new SendMessageCommand(device, ChatId.parse(chatId),
                new ClientMessageId(request.clientMessageId()), request.body());
        Message message;
        try {
            message = send.send(command).toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
        return mapper.toView(message);
    }

    @Operation(summary = "Acknowledge every message up to a position for a device (its offset only moves forward)")
    @Put("/offsets/{device}")
    @Status(HttpStatus.NO_CONTENT)
    public void acknowledge(@Parameter(hidden = true) @RequestAttribute(CallerAttribute.NAME) Caller caller,
                            String chatId, String device, @Body AcknowledgeRequest request) {
        Require.present(request.position(), "position");
        acknowledge.acknowledge(new Device(caller.user(), new DeviceId(device)), ChatId.parse(chatId),
                new Position(request.position()));
    }
}
