package dev.chat.adapter.out.jdbc.log;

import dev.chat.domain.message.Message;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest logged messages by their idempotency key, so that a client resending soon after gets
 * its original without a database round trip. Only the writer thread uses it. Older keys are
 * still caught by the log's unique index for as long as the log keeps the entry (its retention).
 */
final class RecentAppends {
    private final Map<PendingAppend.Key, Message> recent;

    RecentAppends(int capacity) {
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<PendingAppend.Key, Message> eldest) {
                return size() > capacity;
            }
        };
    }

    Message get(PendingAppend.Key key) {
        return recent.get(key);
    }

    void put(PendingAppend.Key key, Message message) {
        recent.put(key, message);
    }
}
