package dev.chat.adapter.out.jdbc;

import dev.chat.adapter.out.jdbc.message.JdbcMessageStore;
import dev.chat.adapter.out.jdbc.offset.JdbcOffsetStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
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
import static dev.chat.application.port.contract.PortFixtures.messageId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded store forgets what is older than its retention: messages after 30 days, unused offsets too. */
class H2RetentionTest {
    @TempDir
    static Path dataDir;
    private static ApplicationContext context;

    @BeforeAll
    static void open() {
        context = H2Store.open(dataDir, Map.of("chat.messages.retention", "30d", "chat.offsets.retention", "30d"));
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Test
    void messages_older_than_the_retention_are_deleted_and_younger_ones_kept() {
        JdbcMessageStore store = context.getBean(JdbcMessageStore.class);
        ChatId chat = chatId();
        UserId sender = userId();
        Instant now = Instant.parse("2026-06-01T12:00:00Z");
        List<Message> messages = new ArrayList<>();
        for (int day = 40; day >= 0; day--) {
            Message m = new Message(messageId(), chat, new Position(41 - day), sender, new DeviceId("phone"),
                    new ClientMessageId("c" + day), new MessageBody("day " + day), now.minus(Duration.ofDays(day)));
            messages.add(m);
        }
        store.storeAll(messages);

        int deleted = store.deleteOlderThanRetention(now.plus(Duration.ofMinutes(1)));

        assertThat(deleted).isEqualTo(11);
        assertThat(store.after(chat, Position.START, 100)).containsExactlyElementsOf(messages.subList(11, 41));
    }

    @Test
    void offsets_unused_for_the_retention_are_deleted() {
        JdbcOffsetStore offsets = context.getBean(JdbcOffsetStore.class);
        Device device = new Device(userId(), new DeviceId("phone"));
        offsets.advance(device, chatId(), new Position(3));

        assertThat(offsets.deleteUnusedSince(Instant.now().plus(Duration.ofDays(29)))).isZero();
        assertThat(offsets.offsetsOf(device)).hasSize(1);
        assertThat(offsets.deleteUnusedSince(Instant.now().plus(Duration.ofDays(31)))).isPositive();
        assertThat(offsets.offsetsOf(device)).isEmpty();
    }
}
