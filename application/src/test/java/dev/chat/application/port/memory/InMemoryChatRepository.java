package dev.chat.application.port.memory;

import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.ConcurrentChangeException;
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

    /** Version-checked like every adapter: atomically, per group, by the map's compute. */
    @Override
    public Group saveGroup(Group group) {
        return (Group) chats.compute(group.id(), (id, stored) -> {
            long storedVersion = stored instanceof Group g ? g.version() : Group.NEVER_STORED;
            // a stored group is at version 1 or later, so version 0 matches only when nothing is stored
            if (stored instanceof DirectChat || storedVersion != group.version()) {
                throw new ConcurrentChangeException(id, group.version());
            }
            return new Group(id, group.name(), group.members(), storedVersion + 1);
        });
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
