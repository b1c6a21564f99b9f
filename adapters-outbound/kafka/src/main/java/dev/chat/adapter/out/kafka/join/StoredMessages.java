package dev.chat.adapter.out.kafka.join;

import dev.chat.adapter.out.kafka.log.LogRecords;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The records of the stored-messages topic, the join's message stream: each message the store has
 * written, with its position and the chat version its sender was checked at. Keyed by chat id like
 * the log, so a chat's messages meet its membership on partitions of the same number.
 */
public final class StoredMessages {
    private static final byte FORMAT = 1;

    /** A stored message and the chat version its sender's membership was checked at (0: unknown). */
    public record Stored(Message message, long chatVersion) {
    }

    private StoredMessages() {
    }

    public static byte[] key(Message message) {
        return LogRecords.key(message.chatId());
    }

    public static byte[] value(Message message, long chatVersion) {
        byte[] entry = LogRecords.value(new Entry(message.id(), message.chatId(), message.sender(),
                message.senderDevice(), message.clientMessageId(), message.body(), message.sentAt(), chatVersion));
        return ByteBuffer.allocate(1 + 8 + entry.length).put(FORMAT).putLong(message.position().value()).put(entry)
                .array();
    }

    public static Stored valueOf(byte[] value) {
        if (value == null || value.length < 10 || value[0] != FORMAT) {
            throw new IllegalArgumentException("not a stored-message record of format " + FORMAT);
        }
        long position = ByteBuffer.wrap(value, 1, 8).getLong();
        Entry entry = LogRecords.entryOf(Arrays.copyOfRange(value, 9, value.length));
        return new Stored(entry.at(new Position(position)), entry.chatVersion());
    }
}
