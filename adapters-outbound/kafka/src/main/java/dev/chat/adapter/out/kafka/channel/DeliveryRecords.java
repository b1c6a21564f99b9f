package dev.chat.adapter.out.kafka.channel;

import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.domain.chat.ChatChange;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The bytes of a batch of deliveries: one record per batch, in a small versioned binary form. */
final class DeliveryRecords {
    private static final byte VERSION = 1;
    private static final byte MESSAGE = 1;
    private static final byte CHAT_CHANGE = 2;
    private static final byte PRESENCE = 3;
    private static final byte DISPLACE = 4;

    private DeliveryRecords() {
    }

    static byte[] encode(List<Delivery> batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(batch.size());
            for (Delivery delivery : batch) {
                if (delivery instanceof Delivery.OfMessage m) {
                    out.writeByte(MESSAGE);
                    writeMessage(out, m.message());
                    writeUsers(out, m.recipients());
                } else if (delivery instanceof Delivery.OfChatChange c) {
                    out.writeByte(CHAT_CHANGE);
                    ChatChange change = c.change();
                    writeUuid(out, change.chat().value());
                    out.writeUTF(change.kind().name());
                    writeUuid(out, change.subject().value());
                    writeUuid(out, change.actor().value());
                    out.writeBoolean(change.name().isPresent());
                    if (change.name().isPresent()) {
                        writeText(out, change.name().get());
                    }
                    writeUsers(out, c.recipients());
                } else if (delivery instanceof Delivery.OfPresence p) {
                    out.writeByte(PRESENCE);
                    writeUuid(out, p.presence().user().value());
                    out.writeBoolean(p.presence().online());
                    out.writeBoolean(p.presence().lastSeen().isPresent());
                    if (p.presence().lastSeen().isPresent()) {
                        writeInstant(out, p.presence().lastSeen().get());
                    }
                    writeUsers(out, p.recipients());
                } else if (delivery instanceof Delivery.Displace d) {
                    out.writeByte(DISPLACE);
                    writeUuid(out, d.device().user().value());
                    out.writeUTF(d.device().id().value());
                } else {
                    throw new IllegalArgumentException("no record form for " + delivery.getClass().getName());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static List<Delivery> decode(byte[] value) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(value))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("a delivery record of version " + version + "; this build reads "
                        + VERSION);
            }
            int count = in.readInt();
            List<Delivery> batch = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                byte kind = in.readByte();
                batch.add(switch (kind) {
                    case MESSAGE -> new Delivery.OfMessage(readMessage(in), readUsers(in));
                    case CHAT_CHANGE -> {
                        ChatId chat = new ChatId(readUuid(in));
                        ChatChange.Kind changeKind = ChatChange.Kind.valueOf(in.readUTF());
                        UserId subject = new UserId(readUuid(in));
                        UserId actor = new UserId(readUuid(in));
                        Optional<String> name = in.readBoolean() ? Optional.of(readText(in)) : Optional.empty();
                        yield new Delivery.OfChatChange(new ChatChange(chat, changeKind, subject, actor, name),
                                readUsers(in));
                    }
                    case PRESENCE -> {
                        UserId user = new UserId(readUuid(in));
                        boolean online = in.readBoolean();
                        Optional<Instant> lastSeen = in.readBoolean() ? Optional.of(readInstant(in)) : Optional.empty();
                        yield new Delivery.OfPresence(new Presence(user, online, lastSeen), readUsers(in));
                    }
                    case DISPLACE -> new Delivery.Displace(new Device(new UserId(readUuid(in)),
                            new DeviceId(in.readUTF())));
                    default -> throw new IllegalArgumentException("an unknown delivery kind " + kind);
                });
            }
            return batch;
        } catch (IOException e) {
            throw new IllegalArgumentException("a truncated delivery record", e);
        }
    }

    private static void writeMessage(DataOutputStream out, Message message) throws IOException {
        writeUuid(out, message.id().value());
        writeUuid(out, message.chatId().value());
        out.writeLong(message.position().value());
        writeUuid(out, message.sender().value());
        out.writeUTF(message.senderDevice().value());
        out.writeUTF(message.clientMessageId().value());
        writeText(out, message.body().text());
        writeInstant(out, message.sentAt());
    }

    private static Message readMessage(DataInputStream in) throws IOException {
        MessageId id = new MessageId(readUuid(in));
        ChatId chat = new ChatId(readUuid(in));
        Position position = new Position(in.readLong());
        UserId sender = new UserId(readUuid(in));
        DeviceId device = new DeviceId(in.readUTF());
        ClientMessageId clientId = new ClientMessageId(in.readUTF());
        MessageBody body = new MessageBody(readText(in));
        return new Message(id, chat, position, sender, device, clientId, body, readInstant(in));
    }

    private static void writeUsers(DataOutputStream out, List<UserId> users) throws IOException {
        out.writeInt(users.size());
        for (UserId user : users) {
            writeUuid(out, user.value());
        }
    }

    private static List<UserId> readUsers(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<UserId> users = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            users.add(new UserId(readUuid(in)));
        }
        return users;
    }

    /** Text of any length (writeUTF stops at 64 KB of modified UTF-8). */
    private static void writeText(DataOutputStream out, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readText(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void writeInstant(DataOutputStream out, Instant instant) throws IOException {
        out.writeLong(instant.getEpochSecond());
        out.writeInt(instant.getNano());
    }

    private static Instant readInstant(DataInputStream in) throws IOException {
        return Instant.ofEpochSecond(in.readLong(), in.readInt());
    }

    private static void writeUuid(DataOutputStream out, UUID uuid) throws IOException {
        out.writeLong(uuid.getMostSignificantBits());
        out.writeLong(uuid.getLeastSignificantBits());
    }

    private static UUID readUuid(DataInputStream in) throws IOException {
        return new UUID(in.readLong(), in.readLong());
    }
}
