package dev.chat.domain.chat;

import dev.chat.domain.Require;

/** Limits on groups; the operator configures them. */
public record GroupPolicy(int maxMembers) {
    public static final GroupPolicy DEFAULT = new GroupPolicy(1024);

    public GroupPolicy {
        Require.that(maxMembers >= 2, "a group must allow at least 2 members");
    }
}
