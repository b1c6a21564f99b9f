package dev.chat.adapter.out.rocksdb;

import java.util.Locale;

/**
 * The CPU priority of RocksDB's compaction threads ({@code chat.storage.compaction-priority}). It is
 * process-wide and one-way: once a storage in a process has lowered it, it stays low for the life of
 * the process (RocksDB can lower a thread pool's priority, not raise it).
 */
public enum CompactionPriority {
    /** Nice 19: compactions use the CPU that the threads acknowledging and delivering leave. */
    LOW,
    /** The process's own priority: compactions take their share of the CPU beside every other thread. */
    NORMAL;

    /** {@code low} or {@code normal}, in any case. */
    public static CompactionPriority of(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "low" -> LOW;
            case "normal" -> NORMAL;
            default -> throw new IllegalArgumentException(
                    "chat.storage.compaction-priority is low or normal, not '" + name + "'");
        };
    }
}
