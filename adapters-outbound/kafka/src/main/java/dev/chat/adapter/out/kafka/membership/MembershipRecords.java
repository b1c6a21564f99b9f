package dev.chat.adapter.out.kafka.membership;

import dev.chat.adapter.out.kafka.log.LogRecords;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The bytes of a memberships record. The key is the chat id's 16 bytes, as in the message log, so
 * that Kafka's default partitioner puts a chat's membership and its messages on partitions of the
 * same number; the value is the chat's version and every member (user id, role, the position they
 * joined at). A deleted chat is a tombstone (no value).
 */
public final class MembershipRecords {
    private static final byte FORMAT = 1;
    private static final byte ADMIN = 'A';
    private static final byte MEMBER = 'M';

    private MembershipRecords() {
    }

    public static byte[] key(ChatId chat) {
        return LogRecords.key(chat);
    }

    public static ChatId chatOf(byte[] key) {
        return LogRecords.chatOf(key);
    }

    public static byte[] value(ChatMembers members) {
        ByteBuffer buffer = ByteBuffer.allocate(1 + 8 + 4 + members.members().size() * (16 + 1 + 8));
        buffer.put(FORMAT).putLong(members.version()).putInt(members.members().size());
        for (Membership member : members.members()) {
            UUID user = member.userId().value();
            buffer.putLong(user.getMostSignificantBits()).putLong(user.getLeastSignificantBits());
            buffer.put(member.role() == Role.ADMIN ? ADMIN : MEMBER);
            buffer.putLong(member.since().value());
        }
        return buffer.array();
    }

    public static ChatMembers valueOf(ChatId chat, byte[] value) {
        ByteBuffer buffer = ByteBuffer.wrap(value);
        byte format = buffer.get();
        if (format != FORMAT) {
            throw new IllegalArgumentException("a memberships record of format " + format + "; this build reads " + FORMAT);
        }
        long version = buffer.getLong();
        int count = buffer.getInt();
        if (count < 0 || count > buffer.remaining() / (16 + 1 + 8)) {
            throw new IllegalArgumentException("a memberships record announcing " + count + " members in "
                    + buffer.remaining() + " bytes");
        }
        List<Membership> members = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            UserId user = new UserId(new UUID(buffer.getLong(), buffer.getLong()));
            byte role = buffer.get();
            if (role != ADMIN && role != MEMBER) {
                throw new IllegalArgumentException("a member's role is 'A' or 'M', not " + role);
            }
            members.add(new Membership(user, role == ADMIN ? Role.ADMIN : Role.MEMBER, new Position(buffer.getLong())));
        }
        return new ChatMembers(chat, version, members);
    }
}
