package dev.chat.application.port.memory;

import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/** Thread-safe in-memory {@link MessageStore} for use-case tests. */
public final class InMemoryMessageStore implements MessageStore {
    private final Map<ChatId, NavigableMap<Long, Message>> chats = new ConcurrentHashMap<>();

    @Override
    public void storeAll(List<Message> messages) {
        for (Message message : messages) {
            chats.computeIfAbsent(message.chatId(), id -> new ConcurrentSkipListMap<>())
                    .putIfAbsent(message.position().value(), message);
        }
    }

    @Override
    public List<Message> after(ChatId chat, Position after, int limit) {
        return tail(chat, after).values().stream().limit(limit).toList();
    }

    @Override
    public List<Message> before(ChatId chat, Position before, int limit) {
        NavigableMap<Long, Message> messages = chats.get(chat);
        if (messages == null) {
            return List.of();
        }
        return messages.headMap(before.value(), false).descendingMap().values().stream().limit(limit).toList();
    }

    @Override
    public Optional<Message> latest(ChatId chat) {
        NavigableMap<Long, Message> messages = chats.get(chat);
        return messages == null || messages.isEmpty() ? Optional.empty() : Optional.of(messages.lastEntry().getValue());
    }

    @Override
    public int countUnread(ChatId chat, Position after, UserId reader, int cap) {
        return (int) tail(chat, after).values().stream()
                .filter(message -> !message.sender().equals(reader)).limit(cap).count();
    }

    private NavigableMap<Long, Message> tail(ChatId chat, Position after) {
        NavigableMap<Long, Message> messages = chats.get(chat);
        return messages == null ? new ConcurrentSkipListMap<>() : messages.tailMap(after.value(), false);
    }
}
