package dev.chat.adapter.out.jdbc.chat;

import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * The chats of one kind this node used last (least recently used evicted beyond the capacity), so
 * that sending and fan-out do not read every chat from the database per message. What an entry may
 * be trusted for is the caller's business: a direct chat never changes, a group is checked against
 * its stored version before use ({@link JdbcChatRepository}).
 */
final class ChatCache<C extends Chat> {
    private final Map<ChatId, C> chats;

    ChatCache(int capacity) {
        this.chats = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ChatId, C> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<C> get(ChatId id) {
        return Optional.ofNullable(chats.get(id));
    }

    /** Keeps the chat; when one is cached already, {@code keep} says which of the two stays. Returns that one. */
    synchronized C put(C chat, BinaryOperator<C> keep) {
        return chats.merge(chat.id(), chat, keep);
    }

    synchronized void remove(ChatId id, C chat) {
        chats.remove(id, chat);
    }
}
