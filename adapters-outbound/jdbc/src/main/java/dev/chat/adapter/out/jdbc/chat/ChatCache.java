package dev.chat.adapter.out.jdbc.chat;

import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The chats this node used last, so that sending and fan-out do not query the database per message. */
final class ChatCache {
    private final Map<ChatId, Chat> chats;

    ChatCache(int capacity) {
        this.chats = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ChatId, Chat> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<Chat> get(ChatId id) {
        return Optional.ofNullable(chats.get(id));
    }

    /** What this node just wrote: it replaces whatever was cached. */
    synchronized void written(Chat chat) {
        chats.put(chat.id(), chat);
    }

    /**
     * What a reader loaded: kept only if no writer cached the chat meanwhile, because a load that
     * raced with a write may have read the older version.
     */
    synchronized Chat loaded(Chat chat) {
        Chat present = chats.putIfAbsent(chat.id(), chat);
        return present == null ? chat : present;
    }
}
