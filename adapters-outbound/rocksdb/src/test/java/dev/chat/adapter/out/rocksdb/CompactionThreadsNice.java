package dev.chat.adapter.out.rocksdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;

/**
 * The child process of {@link CompactionPriorityTest}: the priority of RocksDB's compaction threads
 * is process-wide and one-way, so each priority is tried in a process of its own. Opens a storage
 * with the priority given, has its compaction threads run compactions (an automatic one into the
 * bottommost level, then a manual one), and prints {@code process <nice>} and then
 * {@code <thread name> <nice>} for each of RocksDB's compaction threads.
 * Arguments: data folder, priority.
 */
public final class CompactionThreadsNice {
    private static final Set<String> COMPACTION_THREADS = Set.of("rocksdb:low", "rocksdb:bottom");

    private CompactionThreadsNice() {
    }

    public static void main(String[] args) throws Exception {
        try (RocksStorage storage = new RocksStorage(Path.of(args[0]), RocksStorage.DEFAULT_BLOCK_CACHE_BYTES,
                RocksStorage.DEFAULT_BACKGROUND_JOBS, CompactionPriority.of(args[1]))) {
            var chat = chatId();
            var sender = userId();
            // four level-0 files reach the log's trigger; in a store this small the compaction goes straight
            // into the bottommost level, which is the BOTTOM pool's work when that pool has a thread
            for (int file = 0; file < 4; file++) {
                List<dev.chat.domain.message.Message> batch = new ArrayList<>();
                for (int position = 1; position <= 1_000; position++) {
                    batch.add(message(chat, file * 1_000L + position, sender));
                }
                new RocksLogRecords(storage).appendDurably(batch);
                storage.flush(storage.log());
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!storage.settled() || storage.levelZeroFiles().get("log") >= 4) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the log's level-0 files were not compacted in 30 s: " + storage.levelZeroFiles());
                }
                Thread.sleep(10);
            }
            // a compaction thread takes its pool's priority when it starts its next job
            storage.compact(storage.log());
            System.out.println("process " + nice(Path.of("/proc/thread-self/stat")));
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    String name = Files.readString(task.resolve("comm")).trim();
                    if (COMPACTION_THREADS.contains(name)) {
                        System.out.println(name + " " + nice(task.resolve("stat")));
                    }
                }
            }
        }
    }

    /** The nice value in a /proc stat file: its 19th field, the 17th after the parenthesised name. */
    private static int nice(Path stat) throws IOException {
        String line = Files.readString(stat);
        String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
