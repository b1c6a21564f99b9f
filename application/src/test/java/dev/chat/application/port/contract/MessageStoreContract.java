package dev.chat.application.port.contract;

import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link MessageStore} promises; an adapter's test extends this and supplies the adapter. */
public abstract class MessageStoreContract {
    /** The adapter under test; it may hold data of other tests (every test uses fresh ids). */
    protected abstract MessageStore store();

    @Test
    void stored_messages_are_listed_in_position_order() {
        ChatId chat = chatId();
        UserId sender = userId();
        Message third = message(chat, 30, sender);
        Message first = message(chat, 10, sender);
        Message second = message(chat, 20, sender);
        store().storeAll(List.of(third, first));
        store().storeAll(List.of(second));

        assertThat(store().after(chat, Position.START, 10)).containsExactly(first, second, third);
    }

    @Test
    void listing_starts_after_the_position_and_stops_at_the_limit() {
        ChatId chat = chatId();
        UserId sender = userId();
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            messages.add(message(chat, i * 3L, sender));
        }
        store().storeAll(messages);

        assertThat(store().after(chat, new Position(6), 3)).containsExactlyElementsOf(messages.subList(2, 5));
        assertThat(store().after(chat, new Position(7), 3)).containsExactlyElementsOf(messages.subList(2, 5));
        assertThat(store().after(chat, new Position(30), 3)).isEmpty();
        List<Message> paged = new ArrayList<>();
        Position cursor = Position.START;
        for (List<Message> page = store().after(chat, cursor, 4); !page.isEmpty();
             page = store().after(chat, cursor, 4)) {
            paged.addAll(page);
            cursor = page.get(page.size() - 1).position();
        }
        assertThat(paged).containsExactlyElementsOf(messages);
    }

    @Test
    void storing_a_message_again_changes_nothing() {
        ChatId chat = chatId();
        Message message = message(chat, 5, userId());
        store().storeAll(List.of(message));
        store().storeAll(List.of(message, message(chat, 6, userId())));
        store().storeAll(List.of(message));

        assertThat(store().after(chat, Position.START, 10)).hasSize(2).first().isEqualTo(message);
    }

    @Test
    void chats_do_not_see_each_others_messages() {
        ChatId one = chatId();
        ChatId other = chatId();
        Message mine = message(one, 1, userId());
        store().storeAll(List.of(mine, message(other, 2, userId())));

        assertThat(store().after(one, Position.START, 10)).containsExactly(mine);
        assertThat(store().after(chatId(), Position.START, 10)).isEmpty();
    }

    @Test
    void reading_backwards_gives_the_newest_messages_before_the_position_newest_first() {
        ChatId chat = chatId();
        UserId sender = userId();
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            messages.add(message(chat, i * 3L, sender));
        }
        store().storeAll(messages.subList(5, 10));
        store().storeAll(messages.subList(0, 5));

        // positions 3, 6, ..., 30: strictly before, whether or not a message is at the bound
        assertThat(store().before(chat, new Position(15), 3)).containsExactly(
                messages.get(3), messages.get(2), messages.get(1));
        assertThat(store().before(chat, new Position(16), 3)).containsExactly(
                messages.get(4), messages.get(3), messages.get(2));
        assertThat(store().before(chat, new Position(7), 10)).containsExactly(messages.get(1), messages.get(0));
        assertThat(store().before(chat, new Position(3), 10)).isEmpty();
        assertThat(store().before(chat, Position.START, 10)).isEmpty();
    }

    @Test
    void reading_backwards_from_beyond_the_last_position_gives_the_newest_page() {
        ChatId chat = chatId();
        UserId sender = userId();
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            messages.add(message(chat, i * 10L, sender));
        }
        store().storeAll(messages);

        assertThat(store().before(chat, new Position(61), 2)).containsExactly(messages.get(5), messages.get(4));
        assertThat(store().before(chat, new Position(Long.MAX_VALUE), 2))
                .containsExactly(messages.get(5), messages.get(4));
        assertThat(store().before(chat, new Position(9_007_199_254_740_991L), 100))
                .containsExactlyElementsOf(newestFirst(messages));
    }

    @Test
    void pages_read_backwards_meet_every_message_once() {
        ChatId chat = chatId();
        UserId sender = userId();
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= 11; i++) {
            messages.add(message(chat, i * i, sender));
        }
        store().storeAll(messages);

        List<Message> paged = new ArrayList<>();
        Position cursor = new Position(Long.MAX_VALUE);
        for (List<Message> page = store().before(chat, cursor, 4); !page.isEmpty();
             page = store().before(chat, cursor, 4)) {
            assertThat(page).hasSizeLessThanOrEqualTo(4);
            paged.addAll(page);
            cursor = page.get(page.size() - 1).position();
        }
        assertThat(paged).containsExactlyElementsOf(newestFirst(messages));
    }

    @Test
    void reading_backwards_sees_only_the_chats_own_messages() {
        ChatId one = chatId();
        ChatId other = chatId();
        UserId sender = userId();
        Message first = message(one, 2, sender);
        Message second = message(one, 4, sender);
        store().storeAll(List.of(message(other, 1, sender), first, message(other, 3, sender), second,
                message(other, 5, sender)));

        assertThat(store().before(one, new Position(100), 10)).containsExactly(second, first);
        assertThat(store().before(one, new Position(3), 10)).containsExactly(first);
        assertThat(store().before(chatId(), new Position(100), 10)).isEmpty();
    }

    @Test
    void reading_backwards_crosses_messages_sent_months_apart() {
        // stores that partition a chat by time (Cassandra: by month) must read across partitions
        ChatId chat = chatId();
        UserId sender = userId();
        List<Message> messages = List.of(
                sentAt(message(chat, 5, sender), "2026-01-15T10:00:00Z"),
                sentAt(message(chat, 9, sender), "2026-01-31T23:59:59.999999Z"),
                sentAt(message(chat, 12, sender), "2026-03-01T00:00:00Z"),
                sentAt(message(chat, 20, sender), "2026-03-02T08:00:00Z"),
                sentAt(message(chat, 33, sender), "2026-05-20T12:00:00Z"));
        store().storeAll(messages);

        assertThat(store().before(chat, new Position(21), 3))
                .containsExactly(messages.get(3), messages.get(2), messages.get(1));
        assertThat(store().before(chat, new Position(12), 5)).containsExactly(messages.get(1), messages.get(0));
        assertThat(store().before(chat, new Position(34), 2)).containsExactly(messages.get(4), messages.get(3));
        assertThat(store().before(chat, new Position(34), 10)).containsExactlyElementsOf(newestFirst(messages));
    }

    @Test
    void the_latest_message_is_the_one_at_the_highest_position() {
        ChatId chat = chatId();
        UserId sender = userId();
        Message latest = message(chat, 90, sender);
        store().storeAll(List.of(message(chat, 12, sender), latest, message(chat, 40, sender)));

        assertThat(store().latest(chat)).contains(latest);
        assertThat(store().latest(chatId())).isEmpty();
    }

    @Test
    void unread_counts_messages_after_the_position_from_others_up_to_the_cap() {
        ChatId chat = chatId();
        UserId reader = userId();
        UserId friend = userId();
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            messages.add(message(chat, i, i % 3 == 0 ? reader : friend));
        }
        store().storeAll(messages);

        assertThat(store().countUnread(chat, Position.START, reader, 100)).isEqualTo(8);
        assertThat(store().countUnread(chat, new Position(6), reader, 100)).isEqualTo(4);
        assertThat(store().countUnread(chat, Position.START, reader, 5)).isEqualTo(5);
        assertThat(store().countUnread(chat, new Position(12), reader, 100)).isZero();
        assertThat(store().countUnread(chat, Position.START, friend, 100)).isEqualTo(4);
    }

    private static List<Message> newestFirst(List<Message> messages) {
        List<Message> reversed = new ArrayList<>(messages);
        Collections.reverse(reversed);
        return reversed;
    }

    private static Message sentAt(Message message, String instant) {
        return new Message(message.id(), message.chatId(), message.position(), message.sender(),
                message.senderDevice(), message.clientMessageId(), message.body(), Instant.parse(instant));
    }

    @Test
    void storing_nothing_is_allowed() {
        store().storeAll(List.of());
        assertThat(store().latest(chatId())).isEmpty();
    }
}
