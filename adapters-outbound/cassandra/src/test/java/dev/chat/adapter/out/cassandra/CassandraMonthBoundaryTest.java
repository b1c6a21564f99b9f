package dev.chat.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import dev.chat.adapter.out.cassandra.message.Month;
import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.clientId;
import static dev.chat.application.port.contract.PortFixtures.messageId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** History that spans several month partitions reads as one list in the chat's position order. */
class CassandraMonthBoundaryTest {
    private final MessageStore store = CassandraStores.context().getBean(MessageStore.class);

    private static Message message(ChatId chat, long position, UserId sender, String sentAt) {
        return new Message(messageId(), chat, new Position(position), sender, new DeviceId("phone"), clientId(),
                new MessageBody("message " + position), Instant.parse(sentAt));
    }

    /** Three months, and near the first boundary a sender whose clock ran ahead (position 4 is "later" than 5). */
    private static List<Message> history(ChatId chat, UserId alice, UserId bob) {
        return List.of(
                message(chat, 1, alice, "2026-01-31T23:58:00Z"),
                message(chat, 2, bob, "2026-01-31T23:59:59.999999Z"),
                message(chat, 3, alice, "2026-02-01T00:00:00Z"),
                message(chat, 4, bob, "2026-02-01T00:00:00.500Z"),
                message(chat, 5, alice, "2026-01-31T23:59:59.900Z"),
                message(chat, 6, bob, "2026-02-28T23:59:59Z"),
                message(chat, 7, alice, "2026-03-01T00:00:01Z"),
                message(chat, 8, bob, "2026-03-01T00:00:02Z"));
    }

    @Test
    void a_message_lives_in_the_utc_month_of_its_sent_time() {
        assertThat(Month.of(Instant.parse("2026-01-31T23:59:59.999999Z"))).isEqualTo(202601);
        assertThat(Month.of(Instant.parse("2026-02-01T00:00:00Z"))).isEqualTo(202602);
        assertThat(Month.of(Instant.parse("2026-12-31T23:59:59Z"))).isEqualTo(202612);
        assertThat(Month.of(Instant.parse("2027-01-01T00:00:00Z"))).isEqualTo(202701);

        ChatId chat = chatId();
        store.storeAll(history(chat, userId(), userId()));
        assertThat(positionsIn(chat, 202601)).containsExactly(1L, 2L, 5L);
        assertThat(positionsIn(chat, 202602)).containsExactly(3L, 4L, 6L);
        assertThat(positionsIn(chat, 202603)).containsExactly(7L, 8L);
        assertThat(CassandraStores.session().execute(
                        "SELECT month FROM chat_months WHERE chat_id = ?", chat.value()).all())
                .extracting(row -> row.getInt(0)).containsExactly(202601, 202602, 202603);
    }

    @Test
    void pages_cross_month_boundaries_in_position_order() {
        ChatId chat = chatId();
        List<Message> history = history(chat, userId(), userId());
        store.storeAll(history.subList(4, 8));
        store.storeAll(history.subList(0, 4));

        for (int pageSize = 1; pageSize <= 4; pageSize++) {
            List<Message> paged = new ArrayList<>();
            Position cursor = Position.START;
            for (List<Message> page = store.after(chat, cursor, pageSize); !page.isEmpty();
                 page = store.after(chat, cursor, pageSize)) {
                assertThat(page).hasSizeLessThanOrEqualTo(pageSize);
                paged.addAll(page);
                cursor = page.get(page.size() - 1).position();
            }
            assertThat(paged).as("pages of %d", pageSize).containsExactlyElementsOf(history);
        }
        assertThat(store.after(chat, new Position(4), 2)).containsExactlyElementsOf(history.subList(4, 6));
        assertThat(store.after(chat, new Position(6), 10)).containsExactlyElementsOf(history.subList(6, 8));
    }

    @Test
    void pages_read_backwards_cross_month_boundaries_newest_first() {
        ChatId chat = chatId();
        List<Message> history = history(chat, userId(), userId());
        store.storeAll(history.subList(4, 8));
        store.storeAll(history.subList(0, 4));
        List<Message> newestFirst = new ArrayList<>(history);
        Collections.reverse(newestFirst);

        for (int pageSize = 1; pageSize <= 4; pageSize++) {
            List<Message> paged = new ArrayList<>();
            Position cursor = new Position(Long.MAX_VALUE);
            for (List<Message> page = store.before(chat, cursor, pageSize); !page.isEmpty();
                 page = store.before(chat, cursor, pageSize)) {
                assertThat(page).hasSizeLessThanOrEqualTo(pageSize);
                paged.addAll(page);
                cursor = page.get(page.size() - 1).position();
            }
            assertThat(paged).as("pages of %d", pageSize).containsExactlyElementsOf(newestFirst);
        }
        // position 5 lives in January, yet it comes before 4 (February) when reading back from 6
        assertThat(store.before(chat, new Position(6), 2)).containsExactly(history.get(4), history.get(3));
        assertThat(store.before(chat, new Position(3), 10)).containsExactly(history.get(1), history.get(0));
    }

    @Test
    void latest_and_unread_look_at_every_month() {
        ChatId chat = chatId();
        UserId alice = userId();
        UserId bob = userId();
        List<Message> history = history(chat, alice, bob);
        store.storeAll(history.subList(0, 5));

        // position 5 is the latest although it was sent "in January", before positions 3 and 4
        assertThat(store.latest(chat)).contains(history.get(4));
        store.storeAll(history);
        assertThat(store.latest(chat)).contains(history.get(7));
        assertThat(store.countUnread(chat, Position.START, alice, 100)).isEqualTo(4);
        assertThat(store.countUnread(chat, new Position(2), alice, 100)).isEqualTo(3);
        assertThat(store.countUnread(chat, new Position(2), bob, 100)).isEqualTo(3);
        assertThat(store.countUnread(chat, Position.START, bob, 2)).isEqualTo(2);
    }

    private static List<Long> positionsIn(ChatId chat, int month) {
        return CassandraStores.session().execute(
                        "SELECT position FROM messages WHERE chat_id = ? AND month = ?", chat.value(), month)
                .all().stream().map((Row row) -> row.getLong(0)).toList();
    }
}
