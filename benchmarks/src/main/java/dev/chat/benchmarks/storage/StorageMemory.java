package dev.chat.benchmarks.storage;

import dev.chat.adapter.out.rocksdb.IdempotencyKey;
import dev.chat.adapter.out.rocksdb.RocksLogRecords;
import dev.chat.adapter.out.rocksdb.RocksMessages;
import dev.chat.adapter.out.rocksdb.RocksStorage;
import dev.chat.application.delivery.LogSubscriptions;
import dev.chat.benchmarks.load.ServerProbe;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * Where the embedded default's storage keeps its memory as the store grows: N messages written as
 * the server writes them (each batch's client ids looked up in one read, as the group commit settles repeats;
 * the log and idempotency keys in one synced batch of 1,000; then the chat contents and both
 * subscriptions' positions), as fast as they go, through {@link RocksStorage}.
 * Every step it prints the process's resident memory, RocksDB's own account of it (memtables, what
 * open files hold outside the block cache, the block cache), the step's mean client id lookup, and
 * its synced log writes (median, p99, max: the group commit's latency while flushes and compactions
 * write), then the memory again
 * once the store has settled. Run with a bounded heap, so that what grows is the native part:
 *
 * <pre>java -Xmx256m -cp benchmarks/target/benchmarks.jar dev.chat.benchmarks.storage.StorageMemory --messages 15000000</pre>
 *
 * With {@code --into <data dir>} the store is kept there, its subscriptions past every message, so
 * that a server started on that folder begins with a store of that size (scripts/bench's
 * {@code CHAT_BENCH_PREFILL}: a soak from a store that already holds messages).
 */
@Command(name = "storage-memory", mixinStandardHelpOptions = true)
public final class StorageMemory implements Callable<Integer> {
    private static final int BATCH = 1_000;
    private static final ServerProbe SELF = ServerProbe.of(ProcessHandle.current().pid());
    private static final String TEXT = "a message body of the length people write to each other in a chat";

    @Option(names = "--messages", defaultValue = "15000000") long messages;
    @Option(names = "--chats", defaultValue = "100") int chats;
    @Option(names = "--step", defaultValue = "1000000", description = "messages between two lines") long step;
    @Option(names = "--block-cache-mb", description = "default: RocksStorage's") Long blockCacheMb;
    @Option(names = "--lookups", defaultValue = "batched",
            description = "batched: a batch's client ids in one read, as the server looks them up; single: one read each")
    Lookups lookups;
    @Option(names = "--background-jobs", description = "RocksDB's flushes and compactions at once (default: RocksStorage's)")
    Integer backgroundJobs;
    @Option(names = "--into", description = "a server's data folder to fill and keep (default: a temporary one, deleted)")
    Path into;

    enum Lookups { BATCHED, SINGLE }

    public static void main(String[] args) {
        System.exit(new CommandLine(new StorageMemory()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        long blockCache = blockCacheMb == null ? RocksStorage.DEFAULT_BLOCK_CACHE_BYTES : blockCacheMb << 20;
        if (into != null) {
            run(into.resolve("messages"), blockCache);
            return 0;
        }
        Path dataDir = Files.createTempDirectory("storage-memory");
        try {
            run(dataDir.resolve("messages"), blockCache);
        } finally {
            TemporaryFolders.delete(dataDir);
        }
        return 0;
    }

    private void run(Path folder, long blockCache) throws InterruptedException {
        Random random = new Random(1);
        List<ChatId> chatIds = new ArrayList<>();
        List<UserId> senders = new ArrayList<>();
        for (int i = 0; i < chats; i++) {
            chatIds.add(new ChatId(new UUID(random.nextLong(), random.nextLong())));
            senders.add(new UserId(new UUID(random.nextLong(), random.nextLong())));
        }
        long started = System.nanoTime();
        System.out.println("# block cache " + (blockCache >> 20) + " MB, " + folder);
        System.out.println("messages,seconds,rss_mib,heap_used_mib,memtables_mib,table_readers_mib,block_cache_mib,pinned_mib,lookup_us,commit_p50_ms,commit_p99_ms,commit_max_ms,client_ids_l0_files,messages_l0_files");
        try (RocksStorage storage = new RocksStorage(folder, blockCache,
                backgroundJobs == null ? RocksStorage.DEFAULT_BACKGROUND_JOBS : backgroundJobs)) {
            RocksLogRecords log = new RocksLogRecords(storage);
            RocksMessages contents = new RocksMessages(storage);
            List<Message> batch = new ArrayList<>(BATCH);
            Histogram commits = new Histogram(3);
            long lookupNanos = 0;
            for (long position = 1; position <= messages; position++) {
                int chat = random.nextInt(chats);
                batch.add(new Message(new MessageId(new UUID(random.nextLong(), random.nextLong())), chatIds.get(chat),
                        new Position(position), senders.get(chat), new DeviceId("phone"),
                        new ClientMessageId(Long.toHexString(random.nextLong())), new MessageBody(TEXT + " " + position),
                        Instant.now()));
                if (batch.size() == BATCH || position == messages) {
                    long lookupsStarted = System.nanoTime();
                    lookUp(log, batch);
                    lookupNanos += System.nanoTime() - lookupsStarted;
                    long commitStarted = System.nanoTime();
                    log.appendDurably(batch);
                    commits.recordValue((System.nanoTime() - commitStarted) / 1_000);
                    contents.storeAll(batch);
                    log.recordConsumer(LogSubscriptions.STORE.name(), position);
                    log.recordConsumer(LogSubscriptions.DELIVERY.name(), position);
                    batch.clear();
                }
                if (position % step == 0) {
                    print(position, started, storage, lookupNanos / 1e3 / step, commits);
                    commits.reset();
                    lookupNanos = 0;
                }
            }
            // what stays once the flushes and compactions the writes set off have run
            while (!storage.settled()) {
                Thread.sleep(200);
            }
            print(messages, started, storage, 0, commits);
        }
    }

    private void lookUp(RocksLogRecords log, List<Message> batch) {
        if (lookups == Lookups.BATCHED) {
            List<IdempotencyKey> keys = batch.stream().<IdempotencyKey>map(Sent::new).toList();
            if (log.findByClientIds(keys).stream().anyMatch(Objects::nonNull)) {
                throw new IllegalStateException("a new client id was found in a batch");
            }
            return;
        }
        for (Message message : batch) {
            if (log.findByClientId(message.chatId(), message.sender(), message.clientMessageId()).isPresent()) {
                throw new IllegalStateException("a new client id was found: " + message.clientMessageId());
            }
        }
    }

    private record Sent(Message message) implements IdempotencyKey {
        @Override
        public ChatId chat() {
            return message.chatId();
        }

        @Override
        public UserId sender() {
            return message.sender();
        }

        @Override
        public ClientMessageId clientMessageId() {
            return message.clientMessageId();
        }
    }

    private static void print(long written, long started, RocksStorage storage, double lookupMicros,
                              Histogram commits) {
        RocksStorage.Memory memory = storage.memory();
        Runtime runtime = Runtime.getRuntime();
        Map<String, Long> levelZero = storage.levelZeroFiles();
        System.out.printf("%d,%.1f,%d,%d,%d,%d,%d,%d,%.2f,%.2f,%.2f,%.2f,%d,%d%n", written, (System.nanoTime() - started) / 1e9,
                SELF.rssBytes() >> 20, (runtime.totalMemory() - runtime.freeMemory()) >> 20, memory.memtables() >> 20,
                memory.tableReaders() >> 20, memory.blockCache() >> 20, memory.blockCachePinned() >> 20, lookupMicros,
                commits.getValueAtPercentile(50) / 1000.0, commits.getValueAtPercentile(99) / 1000.0,
                commits.getMaxValue() / 1000.0, levelZero.get("client_ids"), levelZero.get("messages"));
    }
}
