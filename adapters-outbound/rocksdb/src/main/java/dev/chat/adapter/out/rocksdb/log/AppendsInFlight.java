package dev.chat.adapter.out.rocksdb.log;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The appends queued for the writer or being written, by idempotency key: at most one per key. An
 * append claims its key before it looks the key up in the log, and the writer releases it only once
 * its batch's write is visible (or has failed), so an append that finds no claim and no logged entry
 * is the first of its message: the writer need not look anything up. Bounded by the queue's capacity
 * plus one batch.
 */
final class AppendsInFlight {
    private final ConcurrentHashMap<PendingAppend.Key, PendingAppend> byKey = new ConcurrentHashMap<>();

    /** Null when {@code pending} now holds its key; else the append in flight that holds it. */
    PendingAppend claim(PendingAppend pending) {
        return byKey.putIfAbsent(pending.key, pending);
    }

    /** Releases {@code pending}'s key if it holds it: the next append of that key looks it up in the log. */
    void release(PendingAppend pending) {
        byKey.remove(pending.key, pending);
    }

    int size() {
        return byKey.size();
    }
}
