package dev.chat.adapter.out.rocksdb;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * {@code chat_storage_memory_bytes{kind=...}}: RocksDB's memory by its own account, so that an
 * operator can tell the storage's share of the process's resident memory from the JVM's; and
 * {@code chat_storage_write_stalls_total{cause=...}}: how often RocksDB held every write up, and why;
 * {@code chat_storage_level0_files{family=...}}; {@code chat_storage_compaction_cpu_seconds_total{family=...}}:
 * the CPU RocksDB spent flushing and compacting each family; {@code chat_storage_compaction_pending_bytes{family=...}}:
 * what its compactions still have to rewrite, growing when they fall behind the writes. A scrape reads each of RocksDB's accounts once, not
 * once per meter: the meters of one account share a reading for {@link #READING_LIFETIME}.
 */
final class RocksStorageMeters {
    /** Shorter than any scrape interval, longer than one scrape. */
    static final Duration READING_LIFETIME = Duration.ofSeconds(1);

    private RocksStorageMeters() {
    }

    static void register(RocksStorage storage, MeterRegistry registry) {
        register(storage, registry, System::nanoTime);
    }

    static void register(RocksStorage storage, MeterRegistry registry, LongSupplier nanoClock) {
        Reading<RocksStorage.Memory> memory = new Reading<>(storage::memory, nanoClock);
        Reading<Map<String, Long>> stalls = new Reading<>(storage::writeStalls, nanoClock);
        Reading<Map<String, Long>> levelZero = new Reading<>(storage::levelZeroFiles, nanoClock);
        Reading<Map<String, Double>> compactionCpu = new Reading<>(storage::compactionCpuSeconds, nanoClock);
        Reading<Map<String, Long>> pending = new Reading<>(storage::pendingCompactionBytes, nanoClock);
        gauge(registry, memory, "memtables", RocksStorage.Memory::memtables,
                "written and not yet flushed (at most two memtables per column family)");
        gauge(registry, memory, "block-cache", RocksStorage.Memory::blockCache,
                "data, index and filter blocks in the block cache (chat.storage.block-cache at most)");
        gauge(registry, memory, "block-cache-pinned", RocksStorage.Memory::blockCachePinned,
                "the part of the block cache that cannot be evicted now");
        gauge(registry, memory, "table-readers", RocksStorage.Memory::tableReaders,
                "what open files hold outside the block cache");
        stalls(registry, storage, stalls);
        List<String> families = storage.families();
        compactionCpu(registry, storage, families, compactionCpu);
        byFamily(registry, families, "chat.storage.level0.files", levelZero, null,
                "files in level 0, each probed by every lookup in the family until compacted");
        byFamily(registry, families, "chat.storage.compaction.pending", pending, "bytes",
                "bytes RocksDB estimates its compactions must rewrite in the family: growing when they fall behind");
    }

    /** One gauge per column family, tagged with it, reading its entry of the shared {@code reading}. */
    private static void byFamily(MeterRegistry registry, List<String> families, String name, Reading<Map<String, Long>> reading,
                                 String baseUnit, String description) {
        for (String family : families) {
            Gauge.builder(name, reading, r -> r.read(values -> values.getOrDefault(family, 0L)))
                    .strongReference(true) // the reading is referenced by its meters only
                    .tag("family", family)
                    .baseUnit(baseUnit)
                    .description(description)
                    .register(registry);
        }
    }

    private static void compactionCpu(MeterRegistry registry, RocksStorage storage, List<String> families,
                                      Reading<Map<String, Double>> cpu) {
        for (String family : families) {
            FunctionCounter.builder("chat.storage.compaction.cpu", storage, s -> cpu.read(seconds -> seconds.getOrDefault(family, 0.0)))
                    .tag("family", family)
                    .baseUnit("seconds")
                    .description("CPU RocksDB spent flushing and compacting this column family since the server started")
                    .register(registry);
        }
    }

    private static void stalls(MeterRegistry registry, RocksStorage storage, Reading<Map<String, Long>> stalls) {
        for (String cause : RocksStorage.WRITE_STALL_CAUSES) {
            // a function counter holds its object weakly: the storage, which outlives its meters; the reading is captured
            FunctionCounter.builder("chat.storage.write.stalls", storage, s -> stalls.read(counts -> counts.get(cause)))
                    .tag("cause", cause)
                    .description("times RocksDB slowed down (-delays) or stopped (-stops) every write, by cause")
                    .register(registry);
        }
    }

    private static void gauge(MeterRegistry registry, Reading<RocksStorage.Memory> memory, String kind,
                              ToDoubleFunction<RocksStorage.Memory> part, String description) {
        Gauge.builder("chat.storage.memory", memory, r -> r.read(part))
                .strongReference(true)
                .tag("kind", kind)
                .baseUnit("bytes")
                .description("RocksDB's memory: " + description)
                .register(registry);
    }

    /**
     * One of RocksDB's accounts, read again only once the last reading is older than
     * {@link #READING_LIFETIME}; NaN once the storage is closed.
     */
    static final class Reading<T> {
        private final Supplier<T> source;
        private final LongSupplier nanoClock;
        private T last;
        private long readAt;

        Reading(Supplier<T> source, LongSupplier nanoClock) {
            this.source = source;
            this.nanoClock = nanoClock;
        }

        synchronized double read(ToDoubleFunction<T> part) {
            long now = nanoClock.getAsLong();
            if (last == null || now - readAt >= READING_LIFETIME.toNanos()) {
                try {
                    last = source.get();
                } catch (IllegalStateException closed) {
                    last = null;
                    return Double.NaN;
                }
                readAt = now;
            }
            return part.applyAsDouble(last);
        }
    }
}
