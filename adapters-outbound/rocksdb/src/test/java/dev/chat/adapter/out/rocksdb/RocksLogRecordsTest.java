package dev.chat.adapter.out.rocksdb;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** The group commit's batched lookup of idempotency keys, against the one-at-a-time lookup. */
class RocksLogRecordsTest {
    @TempDir
    Path folder;

    private record Key(ChatId chat, UserId sender, ClientMessageId clientMessageId) implements IdempotencyKey {
        static Key of(Message message) {
            return new Key(message.chatId(), message.sender(), message.clientMessageId());
        }
    }

    @Test
    void a_batched_lookup_answers_each_key_in_order_with_its_message_or_null() {
        ChatId chat = chatId();
        UserId sender = userId();
        List<Message> logged = new ArrayList<>();
        for (long position = 1; position <= 3; position++) {
            logged.add(message(chat, position, sender));
        }
        try (RocksStorage storage = new RocksStorage(folder)) {
            RocksLogRecords records = new RocksLogRecords(storage);
            records.appendDurably(logged);
            Message first = logged.get(0);
            Message third = logged.get(2);
            Key absent = new Key(chat, sender, new ClientMessageId("never-sent"));
            Key otherSender = new Key(chat, userId(), first.clientMessageId());

            List<Message> found = records.findByClientIds(
                    List.of(Key.of(first), absent, Key.of(third), otherSender, Key.of(first)));

            assertThat(found).containsExactlyElementsOf(Arrays.asList(first, null, third, null, first));
            assertThat(records.findByClientIds(List.of())).isEmpty();
            for (Message message : logged) {
                assertThat(records.findByClientId(chat, sender, message.clientMessageId())).contains(message);
            }
        }
    }

    @Test
    void a_batched_lookup_reads_through_the_files_as_well_as_the_memtables() {
        ChatId chat = chatId();
        UserId sender = userId();
        List<Message> logged = List.of(message(chat, 1, sender), message(chat, 2, sender));
        try (RocksStorage storage = new RocksStorage(folder)) {
            new RocksLogRecords(storage).appendDurably(logged);
        }
        // reopened, the write-ahead log is replayed into files
        try (RocksStorage storage = new RocksStorage(folder)) {
            RocksLogRecords records = new RocksLogRecords(storage);
            Message fresh = message(chat, 3, sender);

            List<Message> found = records.findByClientIds(List.of(Key.of(logged.get(1)), Key.of(fresh), Key.of(logged.get(0))));

            assertThat(found).containsExactlyElementsOf(Arrays.asList(logged.get(1), null, logged.get(0)));
        }
    }
}
