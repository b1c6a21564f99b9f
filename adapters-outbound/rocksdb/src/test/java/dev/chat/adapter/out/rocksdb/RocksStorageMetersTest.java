package dev.chat.adapter.out.rocksdb;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** The storage's meters read RocksDB's accounts once per scrape, not once per meter, and NaN once it is closed. */
class RocksStorageMetersTest {
    @TempDir
    Path folder;

    @Test
    void meters_of_one_account_share_a_reading_until_it_is_a_second_old() {
        AtomicLong nanos = new AtomicLong();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ChatId chat = chatId();
        UserId sender = userId();
        RocksStorage storage = new RocksStorage(folder);
        try (storage) {
            RocksStorageMeters.register(storage, registry, nanos::get);
            double before = memtables(registry);
            // enough to fill more of the memtables' arena than its first block
            List<Message> batch = new ArrayList<>();
            for (int position = 1; position <= 5_000; position++) {
                batch.add(message(chat, position, sender));
            }
            new RocksLogRecords(storage).appendDurably(batch);
            assertThat(memtables(registry)).as("read again within the reading's lifetime: the same reading").isEqualTo(before);
            nanos.addAndGet(RocksStorageMeters.READING_LIFETIME.toNanos());
            assertThat(memtables(registry)).as("a second later: read again, with the write").isGreaterThan(before);
            assertThat(registry.get("chat.storage.level0.files").tag("family", "client_ids").gauge().value()).isZero();
            assertThat(registry.get("chat.storage.compaction.cpu").tag("family", "client_ids").functionCounter().count())
                    .as("nothing flushed yet").isZero();
            assertThat(registry.get("chat.storage.write.stalls").tag("cause", "l0-file-count-limit-stops")
                    .functionCounter().count()).isZero();
        }
        nanos.addAndGet(RocksStorageMeters.READING_LIFETIME.toNanos());
        assertThat(memtables(registry)).as("closed").isNaN();
        assertThat(registry.get("chat.storage.level0.files").tag("family", "client_ids").gauge().value()).isNaN();
    }

    private static double memtables(SimpleMeterRegistry registry) {
        return registry.get("chat.storage.memory").tag("kind", "memtables").gauge().value();
    }
}
