package dev.chat.adapter.out.rocksdb;

import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.Env;
import org.rocksdb.FlushOptions;
import org.rocksdb.IndexType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Priority;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * One RocksDB database in a folder of the data directory, with a column family per kind of record:
 * <ul>
 *   <li>{@code log}: the message log, position → message;</li>
 *   <li>{@code client_ids}: the log's idempotency keys, chat + sender + client message id → position;</li>
 *   <li>{@code messages}: the chat contents, chat + position → message;</li>
 *   <li>{@code consumers}: how far each log consumer got, name → position.</li>
 * </ul>
 * Every write goes through the write-ahead log. {@link #writeDurably} also syncs it to the disk
 * before it returns: one sync per group commit is what lets an acknowledged message survive a power
 * loss. {@link #write} does not sync: what it writes is recovered from the durable log after a crash,
 * and RocksDB recovers its write-ahead log as a prefix, so a synced write also makes every earlier one
 * durable.
 */
public final class RocksStorage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksStorage.class);
    private static final int BLOOM_BITS_PER_KEY = 10;
    private static final long MAX_TOTAL_WAL_BYTES = 512L << 20;
    /** Partitions of the index and filters of about a page (RocksDB's default metadata block size). */
    private static final long METADATA_BLOCK_BYTES = 4096;
    /**
     * Index and filter blocks keep up to half the cache against eviction by data blocks (RocksDB's
     * default share): they are what every lookup touches first.
     */
    private static final double HIGH_PRIORITY_SHARE = 0.5;

    private final Path folder;
    private final DBOptions options;
    private final ColumnFamilyOptions lookupOptions;
    private final ColumnFamilyOptions scanOptions;
    private final ColumnFamilyOptions contentsOptions;
    private final BloomFilter bloomFilter;
    private final Cache blockCache;
    private final List<ColumnFamilyHandle> handles = new ArrayList<>();
    private final RocksDB db;
    private final ColumnFamilyHandle log;
    private final ColumnFamilyHandle clientIds;
    private final ColumnFamilyHandle messages;
    private final ColumnFamilyHandle consumers;
    private final WriteOptions durable;
    private final WriteOptions buffered;
    private volatile boolean closed;
    /** Calls hold it shared, closing holds it alone: nothing touches the native database once it is closed. */
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();

    /**
     * The block cache's size unless configured: RocksDB's own default. It fills within minutes with
     * the index and filter blocks of the files compactions write, and then stays at its size
     * (adapters-outbound/rocksdb/README.md, "Memory").
     */
    public static final long DEFAULT_BLOCK_CACHE_BYTES = 32L << 20;
    private static final long MIN_BLOCK_CACHE_BYTES = 1L << 20;

    /**
     * Flushes and compactions at once, unless configured: RocksDB gives a quarter (at least one) to
     * flushes and the rest to compactions. With 2, one compaction thread served every family, and
     * while it merged the chat contents the idempotency keys' level-0 files piled up (19 in the soak,
     * against a trigger of 4), each probed by every lookup (adapters-outbound/rocksdb/README.md, "Compaction").
     */
    public static final int DEFAULT_BACKGROUND_JOBS = 2;

    /**
     * Compactions into the bottommost level at nice 19 and the others at normal priority, unless
     * configured: the setting that kept the burst and level 0 in step with the writes. All at nice
     * 19, a burst defers them (one-to-one maximum 26,930–26,995 msg/s), but on cores that a sustained
     * load saturates they run later than their work comes due: level-0 files pile up, every lookup
     * probes them, and the soak's p99 rose ×1.69 over half an hour (run 14). All at normal priority,
     * p99 stayed flat (runs 15, 16) but the maximum fell to 20,489–20,490. Split, level 0 kept pace
     * in both soaks and p99 was flat in one of them (runs 17 and 18), and the maximum held: unchanged
     * on a fresh store, −7 % between the medians of four rounds on a store of 60 M messages, within
     * the rounds' noise ({@code scripts/bench-compare d20d20c}; docs/performance.md, "Soak").
     */
    public static final CompactionPriority DEFAULT_COMPACTION_PRIORITY = CompactionPriority.BOTTOMMOST_LOW;

    /** Opens the database in {@code folder} with the default block cache. */
    public RocksStorage(Path folder) {
        this(folder, DEFAULT_BLOCK_CACHE_BYTES);
    }

    /** Opens the database in {@code folder} with {@link #DEFAULT_BACKGROUND_JOBS}. */
    public RocksStorage(Path folder, long blockCacheBytes) {
        this(folder, blockCacheBytes, DEFAULT_BACKGROUND_JOBS);
    }

    /** Opens the database in {@code folder} with its compactions at {@link #DEFAULT_COMPACTION_PRIORITY}. */
    public RocksStorage(Path folder, long blockCacheBytes, int backgroundJobs) {
        this(folder, blockCacheBytes, backgroundJobs, DEFAULT_COMPACTION_PRIORITY);
    }

    /**
     * Opens (creating if needed) the database in {@code folder}; one process at a time may hold it.
     * The native library is kept beside it, in {@code ../native}. {@code blockCacheBytes} bounds
     * what RocksDB keeps for reading: data blocks read, and every file's index and filter blocks.
     */
    public RocksStorage(Path folder, long blockCacheBytes, int backgroundJobs, CompactionPriority compactionPriority) {
        if (blockCacheBytes < MIN_BLOCK_CACHE_BYTES) {
            throw new IllegalArgumentException("the storage's block cache takes at least 1 MB, not " + blockCacheBytes + " bytes");
        }
        if (backgroundJobs < 2) {
            throw new IllegalArgumentException("the storage needs at least 2 background jobs (a flush and a compaction), not " + backgroundJobs);
        }
        this.folder = folder;
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the message storage folder " + folder, e);
        }
        NativeLibrary.load(folder.toAbsolutePath().getParent().resolve("native"));
        setCompactionPriority(compactionPriority);
        bloomFilter = new BloomFilter(BLOOM_BITS_PER_KEY);
        blockCache = new LRUCache(blockCacheBytes, -1, false, HIGH_PRIORITY_SHARE);
        durable = new WriteOptions().setSync(true);
        buffered = new WriteOptions().setSync(false);
        options = new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2)
                .setMaxBackgroundJobs(backgroundJobs)
                .setBytesPerSync(1 << 20)
                // a write-ahead log file is kept until every family with writes in it has flushed, and
                // the consumers' offsets fill their memtable slowly: without a cap, RocksDB's default
                // (4 x all memtables) kept 0.8 GB of log files after the soak, which a restart after a crash replays
                .setMaxTotalWalSize(MAX_TOTAL_WAL_BYTES);
        // the log and the chat contents are read in key order: no filter needed; point lookups get a bloom filter
        scanOptions = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(32L << 20)
                .setTableFormatConfig(tableConfig(null));
        contentsOptions = chatContentsOptions().setTableFormatConfig(tableConfig(null));
        lookupOptions = new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(16L << 20)
                .setTableFormatConfig(tableConfig(bloomFilter).setWholeKeyFiltering(true));
        List<ColumnFamilyDescriptor> families = List.of(
                new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, scanOptions),
                new ColumnFamilyDescriptor(bytes("log"), scanOptions),
                new ColumnFamilyDescriptor(bytes("client_ids"), lookupOptions),
                new ColumnFamilyDescriptor(bytes("messages"), contentsOptions),
                new ColumnFamilyDescriptor(bytes("consumers"), lookupOptions));
        try {
            db = RocksDB.open(options, folder.toString(), families, handles);
        } catch (RocksDBException e) {
            closeOptions();
            throw RocksFailure.of("opening " + folder + " (is another server using this data folder?)", e);
        }
        log = handles.get(1);
        clientIds = handles.get(2);
        messages = handles.get(3);
        consumers = handles.get(4);
        LOG.info("message storage open in {}", folder);
    }

    /**
     * Every family's files keep their index and bloom filter in the shared block cache, at high
     * priority, instead of holding them beside each open file: held so, they grew with the store
     * (4 MB per million messages) and the process's memory with them. Partitioned, a lookup loads only
     * the partitions it needs, a page each. Nothing is pinned, so that the cache keeps to its size:
     * with the top levels and the level-0 files' blocks pinned, the pinned part grew about 1 MB per
     * million messages and passed the cache's size, and the lookups were no faster
     * (adapters-outbound/rocksdb/README.md, "Memory").
     */
    private BlockBasedTableConfig tableConfig(BloomFilter filter) {
        BlockBasedTableConfig config = new BlockBasedTableConfig()
                .setBlockCache(blockCache)
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                // nothing pinned: pinned blocks grew ~1 MB per million messages stored, past the cache's size
                .setPinL0FilterAndIndexBlocksInCache(false)
                .setPinTopLevelIndexAndFilter(false)
                .setIndexType(IndexType.kTwoLevelIndexSearch)
                .setMetadataBlockSize(METADATA_BLOCK_BYTES);
        if (filter != null) {
            config.setFilterPolicy(filter).setPartitionFilters(true);
        }
        return config;
    }

    /**
     * Lowers the compaction threads' priority, process-wide and for good, as configured. RocksDB hands
     * a compaction into the bottommost level to its {@code BOTTOM} pool whenever that pool has a thread.
     */
    private static void setCompactionPriority(CompactionPriority priority) {
        Env env = Env.getDefault();
        switch (priority) {
            case LOW -> env.lowerThreadPoolCPUPriority(Priority.LOW);
            case BOTTOMMOST_LOW -> env.incBackgroundThreadsIfNeeded(1, Priority.BOTTOM)
                    .lowerThreadPoolCPUPriority(Priority.BOTTOM);
            case NORMAL -> {
            }
        }
    }

    /**
     * The options of the chat contents' family. Its keys start with the chat, so every flushed file
     * spans every chat stored, and each compaction into the first level rewrites all of that level:
     * merging 8 flushes of 64 MB at a time, into a first level of 512 MB, does it half as often as 4
     * of 32 MB into 256 MB. {@code CompactionCost} in the benchmarks measures it (public for it): 20 M
     * messages in 100 chats took 33 s of compaction CPU instead of 91 s (adapters-outbound/rocksdb/README.md).
     */
    public static ColumnFamilyOptions chatContentsOptions() {
        return new ColumnFamilyOptions()
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                .setWriteBufferSize(64L << 20)
                .setLevel0FileNumCompactionTrigger(8)
                .setMaxBytesForLevelBase(512L << 20);
    }

    /** What RocksDB holds in memory, by its own account (bytes). */
    public record Memory(long memtables, long tableReaders, long blockCache, long blockCachePinned) {
    }

    /**
     * RocksDB's account of its memory: memtables (written, not yet flushed), what the open files hold
     * outside the block cache, and the block cache (of which pinned).
     */
    public Memory memory() {
        return guarded(() -> {
            try {
                return new Memory(db.getAggregatedLongProperty("rocksdb.cur-size-all-mem-tables"),
                        db.getAggregatedLongProperty("rocksdb.estimate-table-readers-mem"),
                        blockCache.getUsage(), blockCache.getPinnedUsage());
            } catch (RocksDBException e) {
                throw RocksFailure.of("reading the storage's memory", e);
            }
        });
    }

    /** The causes for which RocksDB slows writes down ({@code -delays}) or stops them ({@code -stops}). */
    public static final List<String> WRITE_STALL_CAUSES = List.of(
            "l0-file-count-limit-delays", "l0-file-count-limit-stops",
            "memtable-limit-delays", "memtable-limit-stops",
            "pending-compaction-bytes-delays", "pending-compaction-bytes-stops");

    /**
     * How many times since the storage opened RocksDB slowed down or stopped writes, by cause, over
     * every column family: any family's stall holds up every write, the group commit's synced one too.
     */
    public Map<String, Long> writeStalls() {
        Map<String, Long> stalls = new LinkedHashMap<>();
        WRITE_STALL_CAUSES.forEach(cause -> stalls.put(cause, 0L));
        byFamily("write stalls", family -> db.getMapProperty(family, "rocksdb.cf-write-stall-stats"))
                .values().forEach(counts -> WRITE_STALL_CAUSES.forEach(cause ->
                        stalls.merge(cause, Long.parseLong(counts.getOrDefault(cause, "0")), Long::sum)));
        return stalls;
    }

    /**
     * Files in level 0 by column family: each is probed by every lookup in its family until a
     * compaction merges it down, so a count well past its family's trigger means compaction is behind.
     */
    public Map<String, Long> levelZeroFiles() {
        return byFamily("level-0 files", family -> Long.parseLong(db.getProperty(family, "rocksdb.num-files-at-level0")));
    }

    /**
     * Bytes RocksDB estimates its compactions must rewrite to bring each column family back within
     * its level targets ({@code rocksdb.estimate-pending-compaction-bytes}): compaction's debt. Steady
     * when compactions keep up with the writes; growing when they do not, and every lookup then probes
     * more files, until RocksDB slows writes down (at 64 GB by default).
     */
    public Map<String, Long> pendingCompactionBytes() {
        return byFamily("pending compaction", family ->
                Long.parseLong(db.getProperty(family, "rocksdb.estimate-pending-compaction-bytes")));
    }

    /**
     * CPU seconds RocksDB spent flushing and compacting each column family since the storage opened
     * ({@code compaction.Sum.CompMergeCPU} of {@code rocksdb.cfstats}): which family's merges take
     * the compaction threads, when one family's level-0 files wait for them.
     */
    public Map<String, Double> compactionCpuSeconds() {
        return byFamily("compaction statistics", family -> Double.parseDouble(
                db.getMapProperty(family, "rocksdb.cfstats").getOrDefault("compaction.Sum.CompMergeCPU", "0")));
    }

    /** The column families' names, in the order the per-family readings give them. */
    public List<String> families() {
        return guarded(() -> handles.stream().map(RocksStorage::name).toList());
    }

    /** One of RocksDB's per-family properties, read. */
    @FunctionalInterface
    private interface FamilyProperty<T> {
        T read(ColumnFamilyHandle family) throws RocksDBException;
    }

    /** {@code property} of every column family, by its name; {@code what} names it in a failure. */
    private <T> Map<String, T> byFamily(String what, FamilyProperty<T> property) {
        return guarded(() -> {
            Map<String, T> values = new LinkedHashMap<>();
            try {
                for (ColumnFamilyHandle family : handles) {
                    values.put(name(family), property.read(family));
                }
            } catch (RocksDBException e) {
                throw RocksFailure.of("reading the storage's " + what, e);
            }
            return values;
        });
    }

    private static String name(ColumnFamilyHandle family) {
        try {
            return new String(family.getName(), StandardCharsets.UTF_8);
        } catch (RocksDBException e) {
            throw RocksFailure.of("reading a column family's name", e);
        }
    }

    /** Whether no flush or compaction is running or due: the benchmarks wait for it before they measure. */
    public boolean settled() {
        return guarded(() -> {
            try {
                long busy = 0;
                for (String property : List.of("rocksdb.num-running-compactions", "rocksdb.num-running-flushes",
                        "rocksdb.compaction-pending", "rocksdb.mem-table-flush-pending")) {
                    busy += db.getAggregatedLongProperty(property);
                }
                return busy == 0;
            } catch (RocksDBException e) {
                throw RocksFailure.of("reading the storage's background work", e);
            }
        });
    }

    ColumnFamilyHandle log() {
        return log;
    }

    ColumnFamilyHandle clientIds() {
        return clientIds;
    }

    ColumnFamilyHandle messages() {
        return messages;
    }

    ColumnFamilyHandle consumers() {
        return consumers;
    }

    /** Writes the batch and syncs the write-ahead log to the disk before returning. */
    void writeDurably(WriteBatch batch) throws RocksDBException {
        db.write(durable, batch);
    }

    /** Writes the batch through the write-ahead log without waiting for the disk. */
    void write(WriteBatch batch) throws RocksDBException {
        db.write(buffered, batch);
    }

    byte[] get(ColumnFamilyHandle family, byte[] key) throws RocksDBException {
        return db.get(family, key);
    }

    /** The values of {@code keys} in one family, in order, null where absent: one batched read. */
    List<byte[]> getAll(ColumnFamilyHandle family, List<byte[]> keys) throws RocksDBException {
        return db.multiGetAsList(Collections.nCopies(keys.size(), family), keys);
    }

    RocksIterator iterator(ColumnFamilyHandle family, ReadOptions readOptions) {
        return db.newIterator(family, readOptions);
    }

    /** Flushes {@code family}'s memtable to a level-0 file now; for tests. */
    void flush(ColumnFamilyHandle family) throws RocksDBException {
        try (FlushOptions wait = new FlushOptions().setWaitForFlush(true)) {
            db.flush(wait, family);
        }
    }

    /** Compacts all of {@code family} now, on RocksDB's compaction threads; for tests. */
    void compact(ColumnFamilyHandle family) throws RocksDBException {
        db.compactRange(family);
    }

    void deleteRange(ColumnFamilyHandle family, byte[] from, byte[] toExclusive) throws RocksDBException {
        db.deleteRange(family, buffered, from, toExclusive);
    }

    /** Runs {@code action} with the database held open; refused once {@link #close} has begun. */
    <T> T guarded(Supplier<T> action) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the message storage in " + folder + " is closed");
            }
            return action.get();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    public Path folder() {
        return folder;
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            closeNow();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void closeNow() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            db.syncWal();
        } catch (RocksDBException e) {
            LOG.warn("could not sync the message storage's write-ahead log on close: {}", e.getMessage());
        }
        handles.forEach(ColumnFamilyHandle::close);
        db.close();
        durable.close();
        buffered.close();
        closeOptions();
        LOG.info("message storage in {} closed", folder);
    }

    private void closeOptions() {
        options.close();
        scanOptions.close();
        contentsOptions.close();
        lookupOptions.close();
        bloomFilter.close();
        blockCache.close();
    }

    private static byte[] bytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }
}
