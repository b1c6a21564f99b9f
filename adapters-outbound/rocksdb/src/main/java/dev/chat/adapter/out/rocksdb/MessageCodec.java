package dev.chat.adapter.out.rocksdb;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * A message as stored: a format version, then its fields in a fixed order, big-endian, strings as
 * UTF-8 behind their length. Compact and exact (the send time keeps its nanoseconds); a record of an
 * unknown version is refused rather than misread.
 */
final class MessageCodec {
    static final byte VERSION = 1;

    private MessageCodec() {
    }

    static byte[] encode(Message message) {
        byte[] device = utf8(message.senderDevice().value());
        byte[] clientId = utf8(message.clientMessageId().value());
        byte[] body = utf8(message.body().text());
        ByteBuffer out = ByteBuffer.allocate(1 + 3 * Keys.UUID_BYTES + Long.BYTES + Long.BYTES + Integer.BYTES
                + Short.BYTES + device.length + Short.BYTES + clientId.length + Integer.BYTES + body.length);
        out.put(VERSION);
        putUuid(out, message.id().value());
        putUuid(out, message.chatId().value());
        out.putLong(message.position().value());
        putUuid(out, message.sender().value());
        out.putLong(message.sentAt().getEpochSecond()).putInt(message.sentAt().getNano());
        out.putShort((short) device.length).put(device);
        out.putShort((short) clientId.length).put(clientId);
        out.putInt(body.length).put(body);
        return out.array();
    }

    static Message decode(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        byte version = in.get();
        if (version != VERSION) {
            throw new IllegalStateException("stored message has unknown format version " + version);
        }
        MessageId id = new MessageId(uuid(in));
        ChatId chat = new ChatId(uuid(in));
        Position position = new Position(in.getLong());
        UserId sender = new UserId(uuid(in));
        Instant sentAt = Instant.ofEpochSecond(in.getLong(), in.getInt());
        DeviceId device = new DeviceId(string(in, Short.toUnsignedInt(in.getShort())));
        ClientMessageId clientId = new ClientMessageId(string(in, Short.toUnsignedInt(in.getShort())));
        MessageBody body = new MessageBody(string(in, in.getInt()));
        return new Message(id, chat, position, sender, device, clientId, body, sentAt);
    }

    /** The send time of a stored message, read without decoding the rest. */
    static Instant sentAt(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 1 + 2 * Keys.UUID_BYTES + Long.BYTES + Keys.UUID_BYTES,
                Long.BYTES + Integer.BYTES);
        return Instant.ofEpochSecond(in.getLong(), in.getInt());
    }

    /** The sender of a stored message, read without decoding the rest. */
    static UUID sender(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes, 1 + 2 * Keys.UUID_BYTES + Long.BYTES, Keys.UUID_BYTES);
        return uuid(in);
    }

    private static void putUuid(ByteBuffer out, UUID value) {
        out.putLong(value.getMostSignificantBits()).putLong(value.getLeastSignificantBits());
    }

    private static UUID uuid(ByteBuffer in) {
        return new UUID(in.getLong(), in.getLong());
    }

    private static String string(ByteBuffer in, int length) {
        String text = new String(in.array(), in.arrayOffset() + in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return text;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
