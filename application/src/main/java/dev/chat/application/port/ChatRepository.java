package dev.chat.application.port;

import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.Optional;

/** Outbound port: chats and their memberships (metadata store). */
public interface ChatRepository {
    /** Stores the direct chat unless it exists already; either way the stored one is returned. */
    DirectChat saveDirect(DirectChat chat);

    /** Stores a group with exactly the given members and roles, replacing what was stored. */
    void saveGroup(Group group);

    Optional<Chat> findById(ChatId id);

    /** Every chat the user is a member of. */
    List<Chat> chatsOf(UserId user);
}
