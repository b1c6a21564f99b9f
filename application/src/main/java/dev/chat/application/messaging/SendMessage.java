package dev.chat.application.messaging;

import dev.chat.application.chats.MemberChats;
import dev.chat.application.limits.SendLimits;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.IdGenerator;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessagePolicy;

import java.time.Clock;
import java.util.concurrent.CompletionStage;

/** Use case: a member sends text to a chat; it is appended to the message log. */
public final class SendMessage implements SendMessageUseCase {
    private final ChatRepository chats;
    private final MessageLog log;
    private final IdGenerator ids;
    private final MessagePolicy policy;
    private final ChatMetrics metrics;
    private final Clock clock;
    private final SendLimits limits;

    public SendMessage(ChatRepository chats, MessageLog log, IdGenerator ids, MessagePolicy policy,
                       ChatMetrics metrics, Clock clock) {
        this(chats, log, ids, policy, metrics, clock, SendLimits.NONE);
    }

    public SendMessage(ChatRepository chats, MessageLog log, IdGenerator ids, MessagePolicy policy,
                       ChatMetrics metrics, Clock clock, SendLimits limits) {
        this.limits = limits;
        this.chats = chats;
        this.log = log;
        this.ids = ids;
        this.policy = policy;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Message> send(SendMessageCommand command) {
        MessageBody body = MessageBody.of(command.body(), policy);
        Chat chat = MemberChats.require(chats, command.chat(), command.from().user());
        limits.check(command.from().user(), chat.id());
        MessageLog.Entry entry = new MessageLog.Entry(ids.newMessageId(), chat.id(), command.from().user(),
                command.from().id(), command.clientMessageId(), body, clock.instant(), chat.version());
        return log.append(entry).thenApply(appended -> {
            if (!appended.duplicate()) {
                metrics.messageAccepted();
            }
            return appended.message();
        });
    }
}
