package dev.chat.adapter.out.rocksdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;

/**
 * The child process of {@link CompactionPriorityTest}: the priority of RocksDB's compaction threads
 * is process-wide and one-way, so each priority is tried in a process of its own. Opens a storage
 * with the priority given, has its compaction threads run a compaction, and prints
 * {@code process <nice>} and then {@code compaction <nice>} for each of them.
 * Arguments: data folder, priority.
 */
public final class CompactionThreadsNice {
    private CompactionThreadsNice() {
    }

    public static void main(String[] args) throws Exception {
        try (RocksStorage storage = new RocksStorage(Path.of(args[0]), RocksStorage.DEFAULT_BLOCK_CACHE_BYTES,
                RocksStorage.DEFAULT_BACKGROUND_JOBS, CompactionPriority.of(args[1]))) {
            var chat = chatId();
            var sender = userId();
            List<dev.chat.domain.message.Message> batch = new ArrayList<>();
            for (int position = 1; position <= 1_000; position++) {
                batch.add(message(chat, position, sender));
            }
            new RocksLogRecords(storage).appendDurably(batch);
            // a compaction thread takes its pool's priority when it starts its next job
            storage.compact(storage.log());
            System.out.println("process " + nice(Path.of("/proc/thread-self/stat")));
            try (var tasks = Files.list(Path.of("/proc/self/task"))) {
                for (Path task : tasks.toList()) {
                    if (Files.readString(task.resolve("comm")).trim().equals("rocksdb:low")) {
                        System.out.println("compaction " + nice(task.resolve("stat")));
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
