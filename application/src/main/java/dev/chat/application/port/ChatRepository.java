package dev.chat.application.port;

import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.Optional;

/**
 * Outbound port: chats and their memberships (metadata store).
 *
 * <p>Groups are saved with optimistic concurrency, so that several server nodes on one store never
 * lose a change to a concurrent one and no node needs a lock: every stored group has a
 * {@linkplain Group#version() version}, which the reads return with the group, and a save names the
 * version it was based on. A direct chat never changes, so it has no version.
 */
public interface ChatRepository {
    /** Stores the direct chat unless it exists already; either way the stored one is returned. */
    DirectChat saveDirect(DirectChat chat);

    /**
     * Stores a group with exactly the given name, members and roles, replacing what was stored, if
     * what is stored is still the version the group was based on: {@code group.version()} equals the
     * stored version, or it is 0 and no chat with the group's id is stored. The stored version then
     * goes up by one, atomically with the name and members.
     *
     * @return the group as stored now, with its new version ({@code group.version() + 1})
     * @throws ConcurrentChangeException when the stored version is another (someone saved the group
     *         meanwhile) or a new group's id is taken; nothing is stored then. A caller re-reads the
     *         group and applies its change to that.
     */
    Group saveGroup(Group group);

    /** The chat as stored; a group comes with its stored version. */
    Optional<Chat> findById(ChatId id);

    /** Every chat the user is a member of; groups come with their stored versions. */
    List<Chat> chatsOf(UserId user);
}
