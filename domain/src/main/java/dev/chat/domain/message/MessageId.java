package dev.chat.domain.message;

import dev.chat.domain.Require;
import dev.chat.domain.user.ParsedUuid;

import java.util.UUID;

/** The server's id of a message, unique across all chats. */
public record MessageId(UUID value) {
    public MessageId {
        Require.present(value, "message id");
    }

    public static MessageId parse(String text) {
        return new MessageId(ParsedUuid.parse(text, "message id"));
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
