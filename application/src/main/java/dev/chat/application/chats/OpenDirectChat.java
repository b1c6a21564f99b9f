package dev.chat.application.chats;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatRepository;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.user.UserId;

import java.util.List;

/** Use case: opening a direct chat; opening it again returns the same chat. */
public final class OpenDirectChat implements OpenDirectChatUseCase {
    private final ChatRepository chats;
    private final KnownUsers users;

    public OpenDirectChat(ChatRepository chats, KnownUsers users) {
        this.chats = chats;
        this.users = users;
    }

    @Override
    public DirectChat open(Caller caller, UserId other) {
        DirectChat chat = DirectChat.between(caller.user(), other);
        users.requireAll(List.of(other));
        return chats.saveDirect(chat);
    }
}
