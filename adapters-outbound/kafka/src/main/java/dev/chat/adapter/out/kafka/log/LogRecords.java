package dev.chat.adapter.out.kafka.log;

import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.user.UserId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The bytes of a log record. The key is the chat id (16 bytes), so that a chat's records share a
 * partition and other readers (a Kafka Streams join) co-partition with it; the value is the entry
 * in a small versioned binary form: no schema registry, no reflection, and a fixed cost per
 * record. The position is not in the value: it is the record's offset.
 */
public final class LogRecords {
    /** 2 added the chat version the sender was checked at; this build reads 1 too (chat version 0). */
    private static final byte VERSION = 2;
    private static final byte FIRST_VERSION = 1;

    private LogRecords() {
    }

    public static byte[] key(ChatId chat) {
        return uuid(chat.value());
    }

    public static ChatId chatOf(byte[] key) {
        if (key == null || key.length != 16) {
            throw new IllegalArgumentException("a log record's key is a 16-byte chat id");
        }
        ByteBuffer buffer = ByteBuffer.wrap(key);
        return new ChatId(new UUID(buffer.getLong(), buffer.getLong()));
    }

    public static byte[] value(Entry entry) {
        byte[] device = utf8(entry.senderDevice().value());
        byte[] clientId = utf8(entry.clientMessageId().value());
        byte[] body = utf8(entry.body().text());
        ByteBuffer buffer = ByteBuffer.allocate(1 + 16 * 3 + 12 + 2 + device.length + 2 + clientId.length
                + 4 + body.length + 8);
        buffer.put(VERSION);
        putUuid(buffer, entry.id().value());
        putUuid(buffer, entry.chatId().value());
        putUuid(buffer, entry.sender().value());
        buffer.putLong(entry.sentAt().getEpochSecond()).putInt(entry.sentAt().getNano());
        buffer.putShort((short) device.length).put(device);
        buffer.putShort((short) clientId.length).put(clientId);
        buffer.putInt(body.length).put(body);
        buffer.putLong(entry.chatVersion());
        return buffer.array();
    }

    public static Entry entryOf(byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        byte version = buffer.get();
        if (version != VERSION && version != FIRST_VERSION) {
            throw new IllegalArgumentException("a log record of version " + version + "; this build reads "
                    + FIRST_VERSION + " and " + VERSION);
        }
        MessageId id = new MessageId(uuid(buffer));
        ChatId chat = new ChatId(uuid(buffer));
        UserId sender = new UserId(uuid(buffer));
        Instant sentAt = Instant.ofEpochSecond(buffer.getLong(), buffer.getInt());
        DeviceId device = new DeviceId(string(buffer, Short.toUnsignedInt(buffer.getShort())));
        ClientMessageId clientId = new ClientMessageId(string(buffer, Short.toUnsignedInt(buffer.getShort())));
        MessageBody body = new MessageBody(string(buffer, buffer.getInt()));
        long chatVersion = version == FIRST_VERSION ? 0 : buffer.getLong();
        return new Entry(id, chat, sender, device, clientId, body, sentAt, chatVersion);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String string(ByteBuffer buffer, int length) {
        String text = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return text;
    }

    private static byte[] uuid(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits())
                .array();
    }

    private static void putUuid(ByteBuffer buffer, UUID uuid) {
        buffer.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
    }

    private static UUID uuid(ByteBuffer buffer) {
        return new UUID(buffer.getLong(), buffer.getLong());
    }
}
