package dev.chat.adapter.out.cassandra.message;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** How a {@link Message} maps to a row of {@code messages}; times are kept to the microsecond. */
final class MessageRows {
    /** The columns {@link #read} expects, in this order. */
    static final String COLUMNS =
            "chat_id, position, message_id, sender_id, sender_device, client_message_id, body, sent_at_micros";

    static final String INSERT = "INSERT INTO messages (chat_id, month, position, message_id, sender_id,"
            + " sender_device, client_message_id, body, sent_at_micros) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?";

    private MessageRows() {
    }

    static BoundStatement insert(PreparedStatement insert, Message message, int ttlSeconds) {
        return insert.bind(
                message.chatId().value(),
                Month.of(message.sentAt()),
                message.position().value(),
                message.id().value(),
                message.sender().value(),
                message.senderDevice().value(),
                message.clientMessageId().value(),
                message.body().text(),
                micros(message.sentAt()),
                ttlSeconds);
    }

    /** About what a message weighs in a batch: its text columns and the fixed ones. */
    static int approximateBytes(Message message) {
        return 120 + message.senderDevice().value().length() + message.clientMessageId().value().length()
                + message.body().text().length() * 3;
    }

    static Message read(Row row) {
        return new Message(
                new MessageId(row.getUuid(2)),
                new ChatId(row.getUuid(0)),
                new Position(row.getLong(1)),
                new UserId(row.getUuid(3)),
                new DeviceId(row.getString(4)),
                new ClientMessageId(row.getString(5)),
                new MessageBody(row.getString(6)),
                Instant.EPOCH.plus(row.getLong(7), ChronoUnit.MICROS));
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
}
