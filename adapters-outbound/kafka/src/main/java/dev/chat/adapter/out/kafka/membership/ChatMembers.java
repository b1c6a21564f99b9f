package dev.chat.adapter.out.kafka.membership;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;

import java.util.List;
import java.util.Objects;

/**
 * A chat's whole membership at one version of the chat, as captured from PostgreSQL's
 * {@code chat_memberships} and kept in the join's table: the value of one record of the
 * memberships topic.
 */
public record ChatMembers(ChatId chat, long version, List<Membership> members) {
    public ChatMembers {
        Objects.requireNonNull(chat, "chat");
        if (version < 1) {
            throw new IllegalArgumentException("a stored chat's version is 1 or more: " + version);
        }
        members = List.copyOf(members);
    }
}
