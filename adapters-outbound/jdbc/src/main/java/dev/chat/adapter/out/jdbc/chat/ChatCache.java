package dev.chat.adapter.out.jdbc.chat;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The direct chats this node used last, so that sending and fan-out in them do not query the
 * database per message. Direct chats only: a direct chat's two members never change, so nothing
 * another node writes can make an entry stale. Groups change, on any node, and are never cached.
 */
final class ChatCache {
    private final Map<ChatId, DirectChat> chats;

    ChatCache(int capacity) {
        this.chats = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<ChatId, DirectChat> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized Optional<DirectChat> get(ChatId id) {
        return Optional.ofNullable(chats.get(id));
    }

    /** A direct chat as stored: any copy is as good as another, since it never changes. */
    synchronized DirectChat put(DirectChat chat) {
        chats.put(chat.id(), chat);
        return chat;
    }
}
