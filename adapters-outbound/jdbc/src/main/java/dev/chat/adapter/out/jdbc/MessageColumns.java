package dev.chat.adapter.out.jdbc;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The columns a message has in {@code messages} and {@code message_log}, and their mapping. Times
 * are kept to the microsecond, the finest both H2 and PostgreSQL store.
 */
public final class MessageColumns {
    /** The column list, in the order {@link #bind} and {@link #read} use. */
    public static final String LIST = "chat_id, position, id, sender_id, sender_device, client_message_id, body, sent_at";
    public static final String PLACEHOLDERS = "?, ?, ?, ?, ?, ?, ?, ?";
    public static final int COUNT = 8;

    private MessageColumns() {
    }

    /** Binds the message to parameters {@code first} to {@code first + 7}. */
    public static void bind(PreparedStatement statement, int first, Message message) throws SQLException {
        statement.setObject(first, message.chatId().value());
        statement.setLong(first + 1, message.position().value());
        statement.setObject(first + 2, message.id().value());
        statement.setObject(first + 3, message.sender().value());
        statement.setString(first + 4, message.senderDevice().value());
        statement.setString(first + 5, message.clientMessageId().value());
        statement.setString(first + 6, message.body().text());
        statement.setObject(first + 7, timestamp(message.sentAt()));
    }

    /** Reads a message whose columns start at {@code first} in {@link #LIST} order. */
    public static Message read(ResultSet row, int first) throws SQLException {
        return new Message(
                new MessageId(row.getObject(first + 2, UUID.class)),
                new ChatId(row.getObject(first, UUID.class)),
                new Position(row.getLong(first + 1)),
                new UserId(row.getObject(first + 3, UUID.class)),
                new DeviceId(row.getString(first + 4)),
                new ClientMessageId(row.getString(first + 5)),
                new MessageBody(row.getString(first + 6)),
                row.getObject(first + 7, OffsetDateTime.class).toInstant());
    }

    public static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    /** The message as the database gives it back: its time cut to the microsecond. */
    public static Message asStored(Message message) {
        Instant stored = message.sentAt().truncatedTo(ChronoUnit.MICROS);
        return stored.equals(message.sentAt()) ? message : new Message(message.id(), message.chatId(),
                message.position(), message.sender(), message.senderDevice(), message.clientMessageId(),
                message.body(), stored);
    }
}
