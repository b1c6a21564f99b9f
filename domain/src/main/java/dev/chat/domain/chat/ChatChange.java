package dev.chat.domain.chat;

import dev.chat.domain.Require;
import dev.chat.domain.user.UserId;

import java.util.Optional;

/** Something that happened to a chat: who did what to whom, and the new name after a rename or a creation. */
public record ChatChange(ChatId chat, Kind kind, UserId subject, UserId actor, Optional<String> name) {
    public enum Kind { CREATED, MEMBER_ADDED, MEMBER_REMOVED, MEMBER_LEFT, ADMIN_PROMOTED, RENAMED }

    public ChatChange {
        Require.present(chat, "chat");
        Require.present(kind, "kind");
        Require.present(subject, "subject");
        Require.present(actor, "actor");
        Require.present(name, "name");
    }
}
