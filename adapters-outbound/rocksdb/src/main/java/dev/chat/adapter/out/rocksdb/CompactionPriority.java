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
    NORMAL,
    /**
     * Compactions into the bottommost level at nice 19, on a thread of their own (RocksDB's
     * {@code BOTTOM} pool), and the others at the process's priority. The bottommost level holds most
     * of the data and most of compaction's work, and no lookup waits for it; level 0's merges into the
     * levels above it keep the number of files each lookup probes down, so they keep pace with the writes.
     */
    BOTTOMMOST_LOW;

    /** {@code low}, {@code normal} or {@code bottommost-low}, in any case. */
    public static CompactionPriority of(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "low" -> LOW;
            case "normal" -> NORMAL;
            case "bottommost-low" -> BOTTOMMOST_LOW;
            default -> throw new IllegalArgumentException(
                    "chat.storage.compaction-priority is low, normal or bottommost-low, not '" + name + "'");
        };
    }
}
