package dev.chat.adapter.out.rocksdb;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.function.ToLongFunction;

/**
 * {@code chat_storage_memory_bytes{kind=...}}: RocksDB's memory by its own account, so that an
 * operator can tell the storage's share of the process's resident memory from the JVM's; and
 * {@code chat_storage_write_stalls_total{cause=...}}: how often RocksDB held every write up, and why.
 */
final class RocksStorageMeters {
    private RocksStorageMeters() {
    }

    static void register(RocksStorage storage, MeterRegistry registry) {
        gauge(registry, storage, "memtables", RocksStorage.Memory::memtables,
                "written and not yet flushed (at most two memtables per column family)");
        gauge(registry, storage, "block-cache", RocksStorage.Memory::blockCache,
                "data, index and filter blocks in the block cache (chat.storage.block-cache at most)");
        gauge(registry, storage, "block-cache-pinned", RocksStorage.Memory::blockCachePinned,
                "the part of the block cache that cannot be evicted now");
        gauge(registry, storage, "table-readers", RocksStorage.Memory::tableReaders,
                "what open files hold outside the block cache");
        stalls(registry, storage);
        for (String family : storage.levelZeroFiles().keySet()) {
            Gauge.builder("chat.storage.level0.files", storage, s -> {
                        try {
                            return s.levelZeroFiles().getOrDefault(family, 0L);
                        } catch (IllegalStateException closed) {
                            return Double.NaN;
                        }
                    })
                    .tag("family", family)
                    .description("files in level 0, each probed by every lookup in the family until compacted")
                    .register(registry);
        }
    }

    private static void stalls(MeterRegistry registry, RocksStorage storage) {
        for (String cause : RocksStorage.WRITE_STALL_CAUSES) {
            FunctionCounter.builder("chat.storage.write.stalls", storage, s -> {
                        try {
                            return s.writeStalls().get(cause);
                        } catch (IllegalStateException closed) {
                            return Double.NaN;
                        }
                    })
                    .tag("cause", cause)
                    .description("times RocksDB slowed down (-delays) or stopped (-stops) every write, by cause")
                    .register(registry);
        }
    }

    private static void gauge(MeterRegistry registry, RocksStorage storage, String kind,
                              ToLongFunction<RocksStorage.Memory> part, String description) {
        Gauge.builder("chat.storage.memory", storage, s -> read(s, part))
                .tag("kind", kind)
                .baseUnit("bytes")
                .description("RocksDB's memory: " + description)
                .register(registry);
    }

    private static double read(RocksStorage storage, ToLongFunction<RocksStorage.Memory> part) {
        try {
            return part.applyAsLong(storage.memory());
        } catch (IllegalStateException closed) {
            return Double.NaN;
        }
    }
}
