package dev.chat.application.presence;

import dev.chat.application.port.ChatRepository;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.user.UserId;

import java.util.LinkedHashSet;
import java.util.Set;

/** Who may see a user's presence: the users who share at least one chat with them. */
final class Contacts {
    private final ChatRepository chats;

    Contacts(ChatRepository chats) {
        this.chats = chats;
    }

    /** Users who share at least one chat with {@code user}, the user excluded. */
    Set<UserId> of(UserId user) {
        Set<UserId> contacts = new LinkedHashSet<>();
        for (Chat chat : chats.chatsOf(user)) {
            for (Membership member : chat.members()) {
                contacts.add(member.userId());
            }
        }
        contacts.remove(user);
        return contacts;
    }
}
