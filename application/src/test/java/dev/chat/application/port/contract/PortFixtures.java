package dev.chat.application.port.contract;

import dev.chat.application.port.MessageLog;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh, unique test values for the port contracts, so that contract tests never depend on each
 * other's data even when an adapter keeps one store for a whole test class.
 */
public final class PortFixtures {
    /** Microseconds: the finest precision every store keeps (PostgreSQL, H2, Cassandra). */
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00.123456Z");
    private static final AtomicLong COUNTER = new AtomicLong();

    private PortFixtures() {
    }

    public static UserId userId() {
        return new UserId(UUID.randomUUID());
    }

    public static ChatId chatId() {
        return new ChatId(UUID.randomUUID());
    }

    public static MessageId messageId() {
        return new MessageId(UUID.randomUUID());
    }

    public static Username username() {
        return new Username("u" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
    }

    public static User user() {
        UserId id = userId();
        return new User(id, username(), "Someone", new ExternalIdentity("https://issuer.test", id.toString()));
    }

    /** A distinct instant per call, at microsecond precision. */
    public static Instant instant() {
        return EPOCH.plus(COUNTER.incrementAndGet(), ChronoUnit.MICROS);
    }

    public static ClientMessageId clientId() {
        return new ClientMessageId("c-" + COUNTER.incrementAndGet() + "-" + UUID.randomUUID());
    }

    public static MessageLog.Entry entry(ChatId chat, UserId sender) {
        return entry(chat, sender, clientId());
    }

    public static MessageLog.Entry entry(ChatId chat, UserId sender, ClientMessageId clientId) {
        return new MessageLog.Entry(messageId(), chat, sender, new DeviceId("phone"), clientId,
                new MessageBody("hello " + clientId.value()), instant());
    }

    public static Message message(ChatId chat, long position, UserId sender) {
        return entry(chat, sender).at(new Position(position));
    }
}
