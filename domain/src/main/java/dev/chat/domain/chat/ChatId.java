package dev.chat.domain.chat;

import dev.chat.domain.Require;
import dev.chat.domain.user.ParsedUuid;

import java.util.UUID;

/** Identifies a chat, direct or group. Messages are partitioned and ordered by it. */
public record ChatId(UUID value) {
    public ChatId {
        Require.present(value, "chat id");
    }

    public static ChatId parse(String text) {
        return new ChatId(ParsedUuid.parse(text, "chat id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
