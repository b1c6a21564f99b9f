package dev.chat.domain.chat;

/** What a member may do in a group: admins manage it, members chat in it. */
public enum Role {
    MEMBER,
    ADMIN
}
