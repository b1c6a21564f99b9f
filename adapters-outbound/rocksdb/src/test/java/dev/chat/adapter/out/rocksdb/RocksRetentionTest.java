package dev.chat.adapter.out.rocksdb;

import dev.chat.adapter.out.rocksdb.message.RocksMessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** The chat contents expire after the retention, chat by chat, and younger messages stay. */
class RocksRetentionTest {
    @TempDir
    static Path dataDir;
    private static ApplicationContext context;
    private static final Instant NOW = Instant.parse("2026-06-30T12:00:00Z");

    @BeforeAll
    static void open() {
        context = RocksContexts.open(dataDir, Map.of("chat.messages.retention", "30d"));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    private static Message sentAt(ChatId chat, long position, UserId sender, Instant at) {
        Message m = message(chat, position, sender);
        return new Message(m.id(), m.chatId(), m.position(), m.sender(), m.senderDevice(), m.clientMessageId(),
                m.body(), at);
    }

    @Test
    void messages_older_than_the_retention_are_deleted_in_every_chat_and_younger_ones_kept() {
        RocksMessageStore store = context.getBean(RocksMessageStore.class);
        UserId sender = userId();
        List<ChatId> chats = List.of(chatId(), chatId(), chatId());
        List<Message> young = new ArrayList<>();
        long position = 1;
        for (ChatId chat : chats) {
            List<Message> batch = new ArrayList<>();
            for (int day = 40; day >= 1; day--) {
                Message m = sentAt(chat, position++, sender, NOW.minus(Duration.ofDays(day)));
                batch.add(m);
                if (day <= 30) { // exactly 30 days old is not older than the retention
                    young.add(m);
                }
            }
            store.storeAll(batch);
        }
        ChatId untouched = chatId();
        Message recent = sentAt(untouched, position, sender, NOW.minus(Duration.ofHours(1)));
        store.storeAll(List.of(recent));

        long deleted = store.deleteOlderThanRetention(NOW);

        assertThat(deleted).isEqualTo(3 * 10);
        List<Message> left = new ArrayList<>();
        for (ChatId chat : chats) {
            left.addAll(store.after(chat, Position.START, 100));
        }
        assertThat(left).containsExactlyElementsOf(young);
        assertThat(store.after(untouched, Position.START, 10)).containsExactly(recent);
        assertThat(store.deleteOlderThanRetention(NOW)).as("a second sweep finds nothing").isZero();
    }
}
