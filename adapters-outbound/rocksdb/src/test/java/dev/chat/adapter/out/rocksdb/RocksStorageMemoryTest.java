package dev.chat.adapter.out.rocksdb;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What RocksDB keeps for reading stays in the one block cache: files' index and filter blocks are
 * not held beside each open file, where they grew with the store, and none stay pinned.
 */
class RocksStorageMemoryTest {
    private static final long CACHE = 1L << 20;
    private static final int CHATS = 20;
    private static final int PER_CHAT = 1_000;

    @TempDir
    Path folder;

    @Test
    void index_and_filter_blocks_of_the_files_live_in_the_bounded_block_cache() {
        List<ChatId> chats = new ArrayList<>();
        UserId sender = userId();
        try (RocksStorage storage = new RocksStorage(folder, CACHE)) {
            RocksLogRecords log = new RocksLogRecords(storage);
            RocksMessages contents = new RocksMessages(storage);
            long position = 1;
            for (int c = 0; c < CHATS; c++) {
                ChatId chat = chatId();
                chats.add(chat);
                List<Message> batch = new ArrayList<>();
                for (int i = 0; i < PER_CHAT; i++) {
                    batch.add(message(chat, position++, sender));
                }
                log.appendDurably(batch);
                contents.storeAll(batch);
            }
            assertThat(storage.memory().memtables()).as("what was written sits in the memtables").isPositive();
        }
        // reopened, the write-ahead log is replayed into files: every read below goes through them
        try (RocksStorage storage = new RocksStorage(folder, CACHE)) {
            RocksLogRecords log = new RocksLogRecords(storage);
            RocksMessages contents = new RocksMessages(storage);
            for (ChatId chat : chats) {
                List<Message> page = contents.after(chat, 0, PER_CHAT);
                assertThat(page).hasSize(PER_CHAT);
                Message first = page.get(0);
                assertThat(log.findByClientId(chat, sender, first.clientMessageId())).contains(first);
            }
            RocksStorage.Memory memory = storage.memory();
            assertThat(memory.blockCache()).as("index, filter and data blocks read").isPositive()
                    .isLessThanOrEqualTo(CACHE + (64 << 10));
            assertThat(memory.tableReaders()).as("held by the open files outside the cache: their bookkeeping only")
                    .isLessThan(64 << 10);
            assertThat(memory.blockCachePinned()).as("no block pinned once the reads are done (RocksDB keeps an entry of"
                    + " a few bytes): the cache keeps to its size").isLessThan(1 << 10);
        }
    }

    @Test
    void level_zero_files_and_write_stalls_are_counted_by_family_and_cause() {
        ChatId chat = chatId();
        UserId sender = userId();
        try (RocksStorage storage = new RocksStorage(folder, CACHE)) {
            new RocksLogRecords(storage).appendDurably(List.of(message(chat, 1, sender), message(chat, 2, sender)));
            assertThat(storage.levelZeroFiles()).as("nothing flushed yet")
                    .containsOnlyKeys("default", "log", "client_ids", "messages", "consumers").containsValue(0L);
        }
        // reopened, the write-ahead log is replayed and flushed into level 0
        try (RocksStorage storage = new RocksStorage(folder, CACHE)) {
            assertThat(storage.levelZeroFiles().get("client_ids")).isEqualTo(1);
            assertThat(storage.levelZeroFiles().get("log")).isEqualTo(1);
            assertThat(storage.writeStalls()).containsOnlyKeys(RocksStorage.WRITE_STALL_CAUSES)
                    .allSatisfy((cause, count) -> assertThat(count).as(cause).isZero());
        }
    }

    @Test
    void the_cpu_of_flushes_is_counted_by_family() throws InterruptedException {
        ChatId chat = chatId();
        UserId sender = userId();
        try (RocksStorage storage = new RocksStorage(folder, CACHE)) {
            assertThat(storage.compactionCpuSeconds()).containsOnlyKeys("default", "log", "client_ids", "messages", "consumers")
                    .allSatisfy((family, seconds) -> assertThat(seconds).as(family).isZero());
            RocksLogRecords log = new RocksLogRecords(storage);
            // more than the idempotency keys' 16 MB memtable holds: it is flushed
            long position = 1;
            while (storage.levelZeroFiles().get("client_ids") == 0 && position < 1_000_000) {
                List<Message> batch = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    batch.add(message(chat, position++, sender));
                }
                log.appendDurably(batch);
            }
            while (!storage.settled()) {
                Thread.sleep(20);
            }
            assertThat(storage.levelZeroFiles().get("client_ids")).as("flushed").isPositive();
            assertThat(storage.compactionCpuSeconds())
                    .hasEntrySatisfying("client_ids", seconds -> assertThat(seconds).isPositive())
                    .hasEntrySatisfying("messages", seconds -> assertThat(seconds).as("nothing written there").isZero());
            assertThat(storage.pendingCompactionBytes()).as("settled: no compaction is due, in any family")
                    .containsOnlyKeys("default", "log", "client_ids", "messages", "consumers")
                    .allSatisfy((family, bytes) -> assertThat(bytes).as(family).isZero());
        }
    }

    @Test
    void fewer_than_two_background_jobs_are_refused_before_anything_is_opened() {
        assertThatThrownBy(() -> new RocksStorage(folder.resolve("messages"), CACHE, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 2 background jobs");
        assertThat(folder.resolve("messages")).doesNotExist();
    }

    @Test
    void a_block_cache_under_a_megabyte_is_refused_before_anything_is_opened() {
        assertThatThrownBy(() -> new RocksStorage(folder.resolve("messages"), 1024))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1 MB");
        assertThat(folder.resolve("messages")).doesNotExist();
    }
}
