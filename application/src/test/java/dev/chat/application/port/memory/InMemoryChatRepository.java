package dev.chat.application.port.memory;

import dev.chat.application.port.ChatRepository;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Thread-safe in-memory {@link ChatRepository} for use-case tests. */
public final class InMemoryChatRepository implements ChatRepository {
    private final Map<ChatId, Chat> chats = new ConcurrentHashMap<>();

    @Override
    public DirectChat saveDirect(DirectChat chat) {
        return (DirectChat) chats.computeIfAbsent(chat.id(), id -> chat);
    }

    @Override
    public void saveGroup(Group group) {
        chats.put(group.id(), group);
    }

    @Override
    public Optional<Chat> findById(ChatId id) {
        return Optional.ofNullable(chats.get(id));
    }

    @Override
    public List<Chat> chatsOf(UserId user) {
        return chats.values().stream().filter(chat -> chat.isMember(user)).toList();
    }
}
