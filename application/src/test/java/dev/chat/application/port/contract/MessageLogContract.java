package dev.chat.application.port.contract;

import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageLog.Appended;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.application.port.MessageLog.Subscription;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.clientId;
import static dev.chat.application.port.contract.PortFixtures.entry;
import static dev.chat.application.port.contract.PortFixtures.instant;
import static dev.chat.application.port.contract.PortFixtures.messageId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link MessageLog} promises (see its javadoc); an adapter's test extends this and
 * supplies the adapter. Each test gets a new, empty log.
 */
public abstract class MessageLogContract {
    /** The application's two subscriptions: messages are stored, then delivered. */
    protected static final Subscription STORE = Subscription.named("store");
    protected static final Subscription DELIVERY = Subscription.named("delivery").after(STORE);
    /** How long a test watches a consumer that must be given nothing. */
    protected static final Duration QUIET = Duration.ofMillis(300);

    /** A new, empty log of the adapter under test. */
    protected abstract MessageLog newLog();

    /**
     * The log as it is found after its process stopped and started again: the old instance is
     * stopped, the returned one reads the same durable storage and has no consumers yet.
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

        assertThat(log.head(chatId())).isEqualTo(Position.START);
        assertThat(log.backlog(STORE)).isZero();
        assertThat(log.backlog(DELIVERY)).isZero();
    }

    @Test
    void an_append_returns_the_entry_at_a_new_position() {
        MessageLog log = newLog();
        Entry entry = entry(chatId(), userId());

        Appended appended = appended(log, entry);

        assertThat(appended.duplicate()).isFalse();
        assertThat(appended.message().position()).isGreaterThan(Position.START);
        assertThat(appended.message()).isEqualTo(entry.at(appended.message().position()));
        assertThat(log.head(entry.chatId())).isEqualTo(appended.message().position());
    }

    @Test
    void what_was_appended_or_offered_has_been_reached_and_nothing_beyond_the_head() {
        MessageLog log = newLog();
        Received received = new Received();
        log.subscribe(STORE, received);
        ChatId chat = chatId();
        Message appended = append(log, entry(chat, userId()));
        Eventually.await("the consumer has the message", () -> received.hasAll(List.of(appended)));

        assertThat(log.hasReached(chat, appended.position())).isTrue();
        assertThat(log.hasReached(chat, Position.START)).isTrue();
        assertThat(log.hasReached(chat, new Position(log.head(chat).value() + 1))).as("beyond the head").isFalse();
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
        assertThat(log.head(chat)).isGreaterThanOrEqualTo(positions.get(positions.size() - 1));
        Position head = log.head(chat);
        assertThat(append(log, entry(chat, sender)).position()).as("a message appended after reading the head")
                .isGreaterThan(head);
    }

    @Test
    void appending_again_with_the_same_client_message_id_returns_the_original() {
        MessageLog log = newLog();
        ChatId chat = chatId();
        UserId sender = userId();
        ClientMessageId clientId = clientId();
        Message original = append(log, entry(chat, sender, clientId));
        Position head = log.head(chat);

        Entry resent = new Entry(messageId(), chat, sender, new DeviceId("laptop"), clientId,
                new MessageBody("resent"), instant());
        Appended again = appended(log, resent);

        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(original);
        assertThat(log.head(chat)).isEqualTo(head);
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
        assertThat(otherChat.message().id()).isNotEqualTo(original.id());
        assertThat(otherSender.message().id()).isNotEqualTo(original.id());
        // positions are per chat: only the other sender's message shares the chat, and its position
        assertThat(otherSender.message().position()).isGreaterThan(original.position());
    }

    @Test
    void the_consumer_receives_every_message_in_order() {
        MessageLog log = newLog();
        Received received = new Received();
        log.subscribe(STORE, received);
        ChatId chat = chatId();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            sent.add(append(log, entry(chat, userId())));
        }

        Eventually.await("the consumer has every message", () -> received.hasAll(sent));
        assertThat(received.distinct()).containsExactlyElementsOf(sent);
        Eventually.await("the backlog is empty", () -> log.backlog(STORE) == 0);
    }

    @Test
    void a_consumer_started_late_first_gets_what_was_appended_before() {
        MessageLog log = newLog();
        ChatId chat = chatId();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            sent.add(append(log, entry(chat, userId())));
        }
        assertThat(log.backlog(STORE)).isEqualTo(5);

        Received received = new Received();
        log.subscribe(STORE, received);
        sent.add(append(log, entry(chat, userId())));

        Eventually.await("the consumer has every message", () -> received.hasAll(sent));
        assertThat(received.distinct()).containsExactlyElementsOf(sent);
    }

    @Test
    void a_failing_consumer_is_offered_the_messages_again_and_nothing_is_skipped() {
        MessageLog log = newLog();
        Received received = new Received();
        AtomicInteger failuresLeft = new AtomicInteger(2);
        log.subscribe(STORE, batch -> {
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
        log.subscribe(STORE, before);
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
        assertThat(restarted.head(chat)).isEqualTo(handled.get(handled.size() - 1).position());
        Appended again = appended(restarted, entries.get(2));
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(handled.get(2));

        Received after = new Received();
        restarted.subscribe(STORE, after);
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
        restarted.subscribe(STORE, received);

        Eventually.await("the consumer has every message", () -> received.hasAll(unhandled));
        assertThat(received.distinct()).containsExactlyElementsOf(unhandled);
    }

    @Test
    void concurrent_appends_are_all_acknowledged_at_distinct_positions_and_all_consumed() throws Exception {
        MessageLog log = newLog();
        Received received = new Received();
        log.subscribe(STORE, received);
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
                mine.stream().collect(Collectors.groupingBy(Message::chatId, Collectors.mapping(Message::position,
                                Collectors.toList())))
                        .values().forEach(positions -> assertThat(positions)
                                .as("one sender's messages in one chat, in sending order").isSorted());
                all.addAll(mine);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(all).hasSize(threads * perThread);
        assertThat(all).as("positions are per chat").extracting(m -> m.chatId() + "@" + m.position())
                .doesNotHaveDuplicates();
        Eventually.await("the consumer has every message", () -> received.hasAll(all));
        Map<ChatId, List<Position>> perChat = received.distinct().stream().collect(Collectors.groupingBy(
                Message::chatId, LinkedHashMap::new, Collectors.mapping(Message::position, Collectors.toList())));
        perChat.values().forEach(positions -> assertThat(positions).isSorted().doesNotHaveDuplicates());
        Eventually.await("the backlog is empty", () -> log.backlog(STORE) == 0);
    }

    @Test
    void no_message_is_offered_above_the_head_of_its_chat_while_appends_go_on() throws Exception {
        MessageLog log = newLog();
        List<String> violations = Collections.synchronizedList(new ArrayList<>());
        AtomicLong checked = new AtomicLong();
        AtomicLong checkedByFollower = new AtomicLong();
        log.subscribe(STORE, headChecker(log, STORE, violations, checked));
        log.subscribe(DELIVERY, headChecker(log, DELIVERY, violations, checkedByFollower));
        List<ChatId> chats = List.of(chatId(), chatId(), chatId());
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        List<Callable<Long>> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            UserId sender = userId();
            senders.add(() -> {
                ArrayDeque<CompletableFuture<Appended>> inFlight = new ArrayDeque<>();
                long sent = 0;
                for (int i = 0; System.nanoTime() < until; i++) {
                    inFlight.add(log.append(entry(chats.get(i % chats.size()), sender)).toCompletableFuture());
                    sent++;
                    if (inFlight.size() >= 50) {
                        inFlight.remove().get(20, TimeUnit.SECONDS);
                    }
                }
                for (var pending : inFlight) {
                    pending.get(20, TimeUnit.SECONDS);
                }
                return sent;
            });
        }
        long sent = 0;
        ExecutorService pool = Executors.newFixedThreadPool(senders.size());
        try {
            for (Future<Long> done : pool.invokeAll(senders)) {
                sent += done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        long all = sent;
        Eventually.await("the consumers have checked every message",
                () -> checked.get() >= all && checkedByFollower.get() >= all);
        assertThat(violations).as("messages offered before the head of their chat reached them").isEmpty();
        assertThat(checked.get()).as("messages checked").isGreaterThanOrEqualTo(1_000);
    }

    /**
     * A consumer that compares each message it is offered with the head of its chat at once, the
     * newest first (a message offered too early is likely the last of its batch, and the head moves
     * on soon), then pauses a little at random, so that its reads of the log fall anywhere in the
     * writer's cycle.
     */
    private static MessageLog.Consumer headChecker(MessageLog log, Subscription subscription, List<String> violations,
                                                   AtomicLong checked) {
        return batch -> {
            for (int i = batch.size() - 1; i >= 0; i--) {
                Message message = batch.get(i);
                Position head = log.head(message.chatId());
                if (message.position().isAfter(head)) {
                    violations.add(subscription.name() + " was offered " + message.position()
                            + " while the head of its chat was " + head);
                }
            }
            checked.addAndGet(batch.size());
            java.util.concurrent.locks.LockSupport.parkNanos(
                    java.util.concurrent.ThreadLocalRandom.current().nextLong(300_000));
        };
    }
    private static List<Message> appendSome(MessageLog log, ChatId chat, int count) {
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sent.add(append(log, entry(chat, userId())));
        }
        return sent;
    }

    private static void quietly(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Test
    void each_subscription_has_its_own_position_and_backlog() {
        MessageLog log = newLog();
        Subscription audit = Subscription.named("audit");
        ChatId chat = chatId();
        List<Message> first = appendSome(log, chat, 5);
        Received stored = new Received();
        log.subscribe(STORE, stored);
        Eventually.await("the store subscription has the first messages", () -> stored.hasAll(first));
        Eventually.await("the store subscription's backlog is empty", () -> log.backlog(STORE) == 0);

        assertThat(log.backlog(audit)).as("a subscription that never had a consumer has handled nothing")
                .isEqualTo(5);
        Received audited = new Received();
        log.subscribe(audit, audited);
        Eventually.await("the new subscription starts from the beginning", () -> audited.hasAll(first));
        List<Message> second = appendSome(log, chat, 3);

        Eventually.await("both subscriptions have the new messages",
                () -> stored.hasAll(second) && audited.hasAll(second));
        List<Message> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(stored.distinct()).containsExactlyElementsOf(all);
        assertThat(audited.distinct()).containsExactlyElementsOf(all);
        Eventually.await("both backlogs are empty", () -> log.backlog(STORE) == 0 && log.backlog(audit) == 0);
    }

    @Test
    void a_follower_is_offered_a_message_only_after_its_leaders_consumer_returned_from_it() throws Exception {
        MessageLog log = newLog();
        CountDownLatch leaderHasABatch = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicLong leaderReturnedFrom = new AtomicLong();
        List<String> early = Collections.synchronizedList(new ArrayList<>());
        Received stored = new Received();
        Received delivered = new Received();
        log.subscribe(STORE, batch -> {
            leaderHasABatch.countDown();
            try {
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("not released (test)");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            stored.accept(batch);
            leaderReturnedFrom.accumulateAndGet(batch.get(batch.size() - 1).position().value(), Math::max);
        });
        log.subscribe(DELIVERY, batch -> {
            for (Message message : batch) {
                if (message.position().value() > leaderReturnedFrom.get()) {
                    early.add(message.position() + " offered before the leader returned from it");
                }
            }
            delivered.accept(batch);
        });
        ChatId chat = chatId();
        // another thread appends: a log may call its consumers inside append
        ExecutorService appender = Executors.newSingleThreadExecutor();
        try {
            Future<List<Message>> appending = appender.submit(() -> appendSome(log, chat, 3));
            assertThat(leaderHasABatch.await(20, TimeUnit.SECONDS)).as("the leader was given a batch").isTrue();
            quietly(QUIET);
            assertThat(delivered.messages()).as("the follower while its leader holds the batch").isEmpty();

            release.countDown();
            List<Message> sent = appending.get(30, TimeUnit.SECONDS);
            Eventually.await("the follower has every message", () -> delivered.hasAll(sent));
            assertThat(delivered.distinct()).containsExactlyElementsOf(sent);
            assertThat(stored.distinct()).containsExactlyElementsOf(sent);
        } finally {
            release.countDown();
            appender.shutdownNow();
        }
        assertThat(early).isEmpty();
        Eventually.await("both backlogs are empty", () -> log.backlog(STORE) == 0 && log.backlog(DELIVERY) == 0);
    }

    @Test
    void a_follower_whose_leader_has_no_consumer_is_given_nothing_until_the_leader_has_one() {
        MessageLog log = newLog();
        Received delivered = new Received();
        log.subscribe(DELIVERY, delivered);
        ChatId chat = chatId();
        List<Message> sent = appendSome(log, chat, 3);

        quietly(QUIET);
        assertThat(delivered.messages()).as("the follower of a leader without a consumer").isEmpty();
        assertThat(log.backlog(DELIVERY)).isEqualTo(3);

        Received stored = new Received();
        log.subscribe(STORE, stored);
        Eventually.await("leader and follower have every message", () -> stored.hasAll(sent) && delivered.hasAll(sent));
        assertThat(delivered.distinct()).containsExactlyElementsOf(sent);
    }

    @Test
    void a_follower_that_was_behind_its_leader_catches_up_after_a_restart_without_new_messages() {
        MessageLog log = newLog();
        Received stored = new Received();
        log.subscribe(STORE, stored);
        ChatId chat = chatId();
        List<Message> sent = appendSome(log, chat, 5);
        Eventually.await("the leader has every message", () -> stored.hasAll(sent));
        Eventually.await("the leader's backlog is empty", () -> log.backlog(STORE) == 0);

        MessageLog restarted = restart(log);
        assertThat(restarted.backlog(STORE)).isZero();
        assertThat(restarted.backlog(DELIVERY)).isEqualTo(5);
        Received storedAgain = new Received();
        Received delivered = new Received();
        restarted.subscribe(DELIVERY, delivered);
        restarted.subscribe(STORE, storedAgain);

        Eventually.await("the follower has what the leader had handled before the restart",
                () -> delivered.hasAll(sent));
        assertThat(delivered.distinct()).containsExactlyElementsOf(sent);
        assertThat(storedAgain.messages()).as("the leader had returned from all of them").isEmpty();
    }

    @Test
    void after_a_restart_each_subscription_resumes_after_the_last_batch_it_returned_from() {
        MessageLog log = newLog();
        Received stored = new Received();
        Received delivered = new Received();
        log.subscribe(STORE, stored);
        log.subscribe(DELIVERY, delivered);
        ChatId chat = chatId();
        List<Message> before = appendSome(log, chat, 5);
        Eventually.await("both have every message", () -> stored.hasAll(before) && delivered.hasAll(before));
        Eventually.await("both backlogs are empty", () -> log.backlog(STORE) == 0 && log.backlog(DELIVERY) == 0);

        MessageLog restarted = restart(log);
        List<Message> after = appendSome(restarted, chat, 2);
        assertThat(restarted.backlog(STORE)).isEqualTo(2);
        assertThat(restarted.backlog(DELIVERY)).isEqualTo(2);
        Received storedAfter = new Received();
        Received deliveredAfter = new Received();
        // the follower first: it waits for its leader
        restarted.subscribe(DELIVERY, deliveredAfter);
        restarted.subscribe(STORE, storedAfter);

        Eventually.await("both have the new messages", () -> storedAfter.hasAll(after) && deliveredAfter.hasAll(after));
        assertThat(storedAfter.distinct()).as("what the leader returned from before the restart is not redelivered")
                .containsExactlyElementsOf(after);
        assertThat(deliveredAfter.distinct()).as("what the follower returned from before the restart is not redelivered")
                .containsExactlyElementsOf(after);
        Eventually.await("both backlogs are empty",
                () -> restarted.backlog(STORE) == 0 && restarted.backlog(DELIVERY) == 0);
    }

    @Test
    void a_second_consumer_for_a_subscription_name_is_refused() {
        MessageLog log = newLog();
        log.subscribe(STORE, new Received());
        log.subscribe(DELIVERY, new Received());

        assertThatThrownBy(() -> log.subscribe(STORE, new Received())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> log.subscribe(Subscription.named("delivery"), new Received()))
                .as("the same name, whatever it follows").isInstanceOf(IllegalStateException.class);
        appendSome(log, chatId(), 1);
        Eventually.await("the first consumers still take what is appended",
                () -> log.backlog(STORE) == 0 && log.backlog(DELIVERY) == 0);
    }
}
