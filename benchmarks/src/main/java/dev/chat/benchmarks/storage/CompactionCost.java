package dev.chat.benchmarks.storage;

import dev.chat.adapter.out.rocksdb.RocksStorage;
import dev.chat.benchmarks.load.ServerProbe;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.Statistics;
import org.rocksdb.TickerType;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What RocksDB's compactions cost to store N messages in the chat contents' layout (chat id, then
 * position; a body of ~130 bytes, part random), under the options the server had before issue 14's
 * soak and under {@link RocksStorage#chatContentsOptions()}, one after the other in one process.
 * Writes run as fast as they go, then the store settles; the CPU of RocksDB's compaction and flush
 * threads (from /proc) and its write amplification are printed per option set.
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.chat.benchmarks.storage.CompactionCost [messages] [chats]</pre>
 */
public final class CompactionCost {
    private static final int BATCH = 100;
    private static final ServerProbe SELF = ServerProbe.of(ProcessHandle.current().pid());
    private static final byte[] TEXT = "a message body of the length people write to each other in a chat, about a hundred bytes"
            .getBytes(StandardCharsets.UTF_8);

    private CompactionCost() {
    }

    public static void main(String[] args) throws Exception {
        long messages = args.length > 0 ? Long.parseLong(args[0]) : 20_000_000;
        int chats = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        RocksDB.loadLibrary();
        List<Candidate> candidates = List.of(
                new Candidate("before (32 MB memtable, 4 files to level 1, 256 MB level base)", CompactionCost::before),
                new Candidate("now (RocksStorage.chatContentsOptions)", RocksStorage::chatContentsOptions));
        for (Candidate candidate : candidates) {
            System.out.println(candidate.name() + ": " + measure(candidate.options(), messages, chats));
        }
    }

    private record Candidate(String name, Supplier<ColumnFamilyOptions> options) {
    }

    private static ColumnFamilyOptions before() {
        return new ColumnFamilyOptions().setCompressionType(CompressionType.LZ4_COMPRESSION).setWriteBufferSize(32L << 20);
    }

    private static String measure(Supplier<ColumnFamilyOptions> family, long messages, int chats) throws Exception {
        Path folder = Files.createTempDirectory("compaction-cost");
        long compactionBefore = threadCpuMillis("rocksdb:low");
        long flushBefore = threadCpuMillis("rocksdb:high");
        List<ColumnFamilyHandle> handles = new ArrayList<>();
        try (Statistics statistics = new Statistics();
             DBOptions options = new DBOptions().setCreateIfMissing(true).setMaxBackgroundJobs(2)
                     .setBytesPerSync(1 << 20).setStatistics(statistics);
             ColumnFamilyOptions familyOptions = family.get();
             RocksDB db = RocksDB.open(options, folder.toString(),
                     List.of(new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, familyOptions)), handles);
             WriteOptions noLog = new WriteOptions().setDisableWAL(true);
             FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
            ColumnFamilyHandle contents = handles.get(0);
            long started = System.nanoTime();
            write(db, contents, noLog, messages, chats);
            long written = System.nanoTime();
            db.flush(flush, contents);
            awaitNoCompaction(db, contents);
            long compaction = threadCpuMillis("rocksdb:low") - compactionBefore;
            long flushes = threadCpuMillis("rocksdb:high") - flushBefore;
            long flushed = statistics.getTickerCount(TickerType.FLUSH_WRITE_BYTES);
            long compacted = statistics.getTickerCount(TickerType.COMPACT_WRITE_BYTES);
            String result = String.format("%,d messages in %d chats: written in %.1f s; compaction CPU %.1f s, flush CPU %.1f s; "
                            + "flushed %,d MB, compactions wrote %,d MB (write amplification %.2f); %,d MB on disk",
                    messages, chats, (written - started) / 1e9, compaction / 1000.0, flushes / 1000.0, flushed >> 20,
                    compacted >> 20, (flushed + compacted) / (double) flushed,
                    Long.parseLong(db.getProperty(contents, "rocksdb.total-sst-files-size")) >> 20);
            handles.forEach(ColumnFamilyHandle::close);
            return result;
        } finally {
            TemporaryFolders.delete(folder);
        }
    }

    private static void write(RocksDB db, ColumnFamilyHandle contents, WriteOptions options, long messages, int chats)
            throws Exception {
        Random random = new Random(1);
        long[][] chatIds = new long[chats][2];
        long[] positions = new long[chats];
        for (long[] id : chatIds) {
            id[0] = random.nextLong();
            id[1] = random.nextLong();
        }
        try (WriteBatch batch = new WriteBatch()) {
            for (long i = 0; i < messages; i++) {
                int chat = random.nextInt(chats);
                byte[] key = ByteBuffer.allocate(24).putLong(chatIds[chat][0]).putLong(chatIds[chat][1])
                        .putLong(++positions[chat]).array();
                ByteBuffer value = ByteBuffer.allocate(5 * Long.BYTES + TEXT.length);
                for (int k = 0; k < 5; k++) {
                    value.putLong(random.nextLong());
                }
                batch.put(contents, key, value.put(TEXT).array());
                if (batch.count() == BATCH) {
                    db.write(options, batch);
                    batch.clear();
                }
            }
            db.write(options, batch);
        }
    }

    /** RocksDB's Java API has no wait for compactions: settled is three seconds with none running. */
    private static void awaitNoCompaction(RocksDB db, ColumnFamilyHandle contents) throws Exception {
        int quietChecks = 0;
        while (quietChecks < 15) {
            Thread.sleep(200);
            boolean running = !"0".equals(db.getProperty(contents, "rocksdb.num-running-compactions"))
                    || !"0".equals(db.getProperty(contents, "rocksdb.num-running-flushes"));
            quietChecks = running ? 0 : quietChecks + 1;
        }
    }

    private static long threadCpuMillis(String prefix) {
        return SELF.threadCpuMillis(prefix);
    }
}
