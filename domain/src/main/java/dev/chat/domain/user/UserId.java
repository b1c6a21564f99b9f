package dev.chat.domain.user;

import dev.chat.domain.Require;

import java.util.UUID;

/** Identifies a user everywhere: in chats, devices, tokens and presence. */
public record UserId(UUID value) implements Comparable<UserId> {
    public UserId {
        Require.present(value, "user id");
    }

    public static UserId parse(String text) {
        return new UserId(ParsedUuid.parse(text, "user id"));
    }

    @Override
    public int compareTo(UserId other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
