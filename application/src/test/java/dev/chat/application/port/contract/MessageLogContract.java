package dev.chat.application.port.contract;

import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageLog.Appended;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.clientId;
import static dev.chat.application.port.contract.PortFixtures.entry;
import static dev.chat.application.port.contract.PortFixtures.instant;
import static dev.chat.application.port.contract.PortFixtures.messageId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link MessageLog} promises (see its javadoc); an adapter's test extends this and
 * supplies the adapter. Each test gets a new, empty log.
 */
public abstract class MessageLogContract {
    /** A new, empty log of the adapter under test. */
    protected abstract MessageLog newLog();

    /**
     * The log as it is found after its process stopped and started again: the old instance is
     * stopped, the returned one reads the same durable storage and has no consumer yet.
     */
    protected abstract MessageLog restart(MessageLog log);

    /** A consumer that remembers what it was given, in order. */
    protected static final class Received implements MessageLog.Consumer {
        private final List<Message> messages = new ArrayList<>();

        @Override
        public synchronized void accept(List<Message> batch) {
            messages.addAll(batch);
        }

        public synchronized List<Message> messages() {
            return List.copyOf(messages);
        }

        /** Each message once, at its first delivery: what at-least-once delivery adds up to. */
        public synchronized List<Message> distinct() {
            Map<MessageId, Message> first = new LinkedHashMap<>();
            messages.forEach(m -> first.putIfAbsent(m.id(), m));
            return List.copyOf(first.values());
        }

        public synchronized boolean hasAll(List<Message> expected) {
            return distinct().containsAll(expected);
        }
    }

    protected static Appended appended(MessageLog log, Entry entry) {
        try {
            return log.append(entry).toCompletableFuture().get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("the append did not complete", e);
        }
    }

    protected static Message append(MessageLog log, Entry entry) {
        return appended(log, entry).message();
    }

    @Test
    void an_empty_log_has_its_head_at_the_start_and_no_backlog() {
        MessageLog log = newLog();

        assertThat(log.head()).isEqualTo(Position.START);
        assertThat(log.backlog()).isZero();
    }

    @Test
    void an_append_returns_the_entry_at_a_new_position() {
        MessageLog log = newLog();
        Entry entry = entry(chatId(), userId());

        Appended appended = appended(log, entry);

        assertThat(appended.duplicate()).isFalse();
        assertThat(appended.message().position()).isGreaterThan(Position.START);
        assertThat(appended.message()).isEqualTo(entry.at(appended.message().position()));
        assertThat(log.head()).isEqualTo(appended.message().position());
    }

    @Test
    void positions_strictly_increase_within_a_chat() {
        MessageLog log = newLog();
        ChatId chat = chatId();
        ChatId other = chatId();
        UserId sender = userId();
        List<Position> positions = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            positions.add(append(log, entry(chat, sender)).position());
            append(log, entry(other, sender));
        }

        assertThat(positions).isSorted().doesNotHaveDuplicates();
        assertThat(log.head()).isGreaterThan(positions.get(positions.size() - 1));
    }

    @Test
    void appending_again_with_the_same_client_message_id_returns_the_original() {
        MessageLog log = newLog();
        ChatId chat = chatId();
        UserId sender = userId();
        ClientMessageId clientId = clientId();
        Message original = append(log, entry(chat, sender, clientId));
        Position head = log.head();

        Entry resent = new Entry(messageId(), chat, sender, new DeviceId("laptop"), clientId,
                new MessageBody("resent"), instant());
        Appended again = appended(log, resent);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(original);
        assertThat(log.head()).isEqualTo(head);
    }

    @Test
    void the_same_client_message_id_in_another_chat_or_from_another_sender_is_a_new_message() {
        MessageLog log = newLog();
        ChatId chat = chatId();
        UserId sender = userId();
        ClientMessageId clientId = clientId();
        Message original = append(log, entry(chat, sender, clientId));

        Appended otherChat = appended(log, entry(chatId(), sender, clientId));
        Appended otherSender = appended(log, entry(chat, userId(), clientId));

        assertThat(otherChat.duplicate()).isFalse();
        assertThat(otherSender.duplicate()).isFalse();
        assertThat(Set.of(original.position(), otherChat.message().position(), otherSender.message().position()))
                .hasSize(3);
    }

    @Test
    void the_consumer_receives_every_message_in_order() {
        MessageLog log = newLog();
        Received received = new Received();
        log.start(received);
        ChatId chat = chatId();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(append(log, entry(chat, userId())));
        }

        Eventually.await("the consumer has every message", () -> received.hasAll(sent));
        assertThat(received.distinct()).containsExactlyElementsOf(sent);
        Eventually.await("the backlog is empty", () -> log.backlog() == 0);
    }

    @Test
    void a_consumer_started_late_first_gets_what_was_appended_before() {
        MessageLog log = newLog();
        ChatId chat = chatId();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(append(log, entry(chat, userId())));
        }
        assertThat(log.backlog()).isPositive();

        Received received = new Received();
        log.start(received);
        sent.add(append(log, entry(chat, userId())));

        Eventually.await("the consumer has every message", () -> received.hasAll(sent));
        assertThat(received.distinct()).containsExactlyElementsOf(sent);
    }

    @Test
    void a_failing_consumer_is_offered_the_messages_again_and_nothing_is_skipped() {
        MessageLog log = newLog();
        Received received = new Received();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        log.start(batch -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("the store is down (test)");
            }
            received.accept(batch);
        });
        ChatId chat = chatId();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            sent.add(append(log, entry(chat, userId())));
        }

        Eventually.await("the consumer has every message", () -> received.hasAll(sent));
        assertThat(received.distinct()).containsExactlyElementsOf(sent);
    }

    @Test
    void after_a_restart_the_log_keeps_its_messages_positions_and_client_message_ids() {
        MessageLog log = newLog();
        Received before = new Received();
        log.start(before);
        ChatId chat = chatId();
        UserId sender = userId();
        List<Entry> entries = new ArrayList<>();
        List<Message> handled = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(entry(chat, sender));
            handled.add(append(log, entries.get(i)));
        }
        Eventually.await("the consumer has every message", () -> before.hasAll(handled));

        MessageLog restarted = restart(log);
        assertThat(restarted.head()).isEqualTo(handled.get(handled.size() - 1).position());
        Appended again = appended(restarted, entries.get(2));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(handled.get(2));

        Received after = new Received();
        restarted.start(after);
        Message next = append(restarted, entry(chat, sender));
        assertThat(next.position()).isGreaterThan(handled.get(handled.size() - 1).position());
        Eventually.await("the new consumer has the new message", () -> after.hasAll(List.of(next)));
        assertThat(after.distinct()).as("what the consumer returned from before the restart is not redelivered")
                .containsExactly(next);
    }

    @Test
    void after_a_restart_the_consumer_gets_what_it_had_not_handled() {
        MessageLog log = newLog();
        ChatId chat = chatId();
        List<Message> unhandled = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            unhandled.add(append(log, entry(chat, userId())));
        }

        MessageLog restarted = restart(log);
        Received received = new Received();
        restarted.start(received);

        Eventually.await("the consumer has every message", () -> received.hasAll(unhandled));
        assertThat(received.distinct()).containsExactlyElementsOf(unhandled);
    }

    @Test
    void concurrent_appends_are_all_acknowledged_at_distinct_positions_and_all_consumed() throws Exception {
        MessageLog log = newLog();
        Received received = new Received();
        log.start(received);
        List<ChatId> chats = List.of(chatId(), chatId(), chatId());
        int threads = 8;
        int perThread = 100;
        List<Callable<List<Message>>> senders = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            UserId sender = userId();
            senders.add(() -> {
                List<Message> mine = new ArrayList<>();
                for (int i = 0; i < perThread; i++) {
                    mine.add(append(log, entry(chats.get(i % chats.size()), sender)));
                }
                return mine;
            });
        }
        List<Message> all = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<List<Message>> sent : pool.invokeAll(senders)) {
                List<Message> mine = sent.get(60, TimeUnit.SECONDS);
                assertThat(mine).extracting(Message::position).as("one sender's messages, in sending order")
                        .isSorted();
                all.addAll(mine);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(all).hasSize(threads * perThread);
        assertThat(all).extracting(Message::position).doesNotHaveDuplicates();
        Eventually.await("the consumer has every message", () -> received.hasAll(all));
        Map<ChatId, List<Position>> perChat = received.distinct().stream().collect(Collectors.groupingBy(
                Message::chatId, LinkedHashMap::new, Collectors.mapping(Message::position, Collectors.toList())));
        perChat.values().forEach(positions -> assertThat(positions).isSorted().doesNotHaveDuplicates());
        Eventually.await("the backlog is empty", () -> log.backlog() == 0);
    }
}
