package dev.chat.adapter.out.kafka.capture;

import dev.chat.adapter.out.kafka.membership.ChatMembers;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads Debezium's change events of {@code chat_memberships}: a created, updated or snapshot row is
 * the chat's whole membership at its version; a deleted row (its chat was deleted) is the chat's
 * end. The members column's format is the one the JDBC adapter writes (its V7 migration):
 * {@code <user uuid>:<A|M>:<since>} per member, ',' between.
 */
final class CapturedRows {
    /** What one change event says about one chat: its members now, or that it is gone. */
    record Change(ChatId chat, Optional<ChatMembers> members, long sourceMillis) {
    }

    private CapturedRows() {
    }

    /** The change an event carries; empty for an event that carries none (the tombstone after a delete). */
    static Optional<Change> changeOf(SourceRecord record) {
        if (!(record.value() instanceof Struct envelope)) {
            return Optional.empty();
        }
        String op = envelope.getString("op");
        Struct source = envelope.getStruct("source");
        long at = source == null ? 0 : source.getInt64("ts_ms");
        switch (op) {
            case "c", "u", "r" -> {
                Struct row = envelope.getStruct("after");
                ChatId chat = new ChatId(UUID.fromString(row.getString("chat_id")));
                return Optional.of(new Change(chat, Optional.of(new ChatMembers(chat, row.getInt64("version"),
                        members(row.getString("members")))), at));
            }
            case "d" -> {
                Struct row = envelope.getStruct("before");
                return Optional.of(new Change(new ChatId(UUID.fromString(row.getString("chat_id"))), Optional.empty(), at));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    static List<Membership> members(String column) {
        List<Membership> members = new ArrayList<>();
        if (column == null || column.isEmpty()) {
            return members;
        }
        for (String entry : column.split(",")) {
            String[] parts = entry.split(":");
            if (parts.length != 3 || !(parts[1].equals("A") || parts[1].equals("M"))) {
                throw new IllegalArgumentException("a chat_memberships entry is <uuid>:<A|M>:<since>, not " + entry);
            }
            members.add(new Membership(new UserId(UUID.fromString(parts[0])),
                    parts[1].equals("A") ? Role.ADMIN : Role.MEMBER, new Position(Long.parseLong(parts[2]))));
        }
        return members;
    }
}
