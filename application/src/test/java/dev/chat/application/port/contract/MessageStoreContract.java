package dev.chat.application.port.contract;

import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
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

    @Test
    void storing_nothing_is_allowed() {
        store().storeAll(List.of());
        assertThat(store().latest(chatId())).isEmpty();
    }
}
