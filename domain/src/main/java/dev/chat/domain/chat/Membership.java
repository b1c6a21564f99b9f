package dev.chat.domain.chat;

import dev.chat.domain.Require;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

/**
 * A user's place in a chat. {@code since} is the chat log position at which they joined:
 * they see the messages after it, not the ones before.
 */
public record Membership(UserId userId, Role role, Position since) {
    public Membership {
        Require.present(userId, "user id");
        Require.present(role, "role");
        Require.present(since, "since");
    }

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }

    public Membership withRole(Role newRole) {
        return new Membership(userId, newRole, since);
    }
}
