package dev.chat.adapter.out.rocksdb;

import dev.chat.adapter.out.rocksdb.log.RocksMessageLog;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageLog.Appended;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.application.port.MessageLog.Subscription;
import dev.chat.application.port.contract.Eventually;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.entry;
import static dev.chat.application.port.contract.PortFixtures.messageId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the RocksDB log adds to the port's contract: crash safety, group commit, retention. */
class RocksMessageLogBehaviourTest {
    private static final Subscription STORE = Subscription.named("store");
    private static final Subscription DELIVERY = Subscription.named("delivery").after(STORE);

    @TempDir
    Path dataDir;
    private final List<ApplicationContext> contexts = new ArrayList<>();

    private RocksMessageLog openLog() {
        return openLog(Map.of());
    }

    private RocksMessageLog openLog(Map<String, Object> settings) {
        ApplicationContext context = RocksContexts.open(dataDir, settings);
        contexts.add(context);
        return context.getBean(RocksMessageLog.class);
    }

    @AfterEach
    void closeAll() {
        contexts.stream().filter(ApplicationContext::isRunning).forEach(ApplicationContext::close);
    }

    private static List<Entry> entries(int count, ChatId chat, UserId sender) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry(chat, sender));
        }
        return entries;
    }

    private static List<Message> appendAll(MessageLog log, List<Entry> entries) {
        List<CompletableFuture<Appended>> pending = entries.stream().map(e -> log.append(e).toCompletableFuture()).toList();
        return pending.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join().message()).toList();
    }

    @Test
    void every_acknowledged_append_survives_kill_9_of_the_process() throws Exception {
        Path folder = dataDir.resolve("messages");
        ChatId chat = chatId();
        UserId sender = userId();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), AppendUntilKilled.class.getName(),
                folder.toString(), chat.toString(), sender.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        Map<String, Long> acknowledged = new LinkedHashMap<>();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null && acknowledged.size() < 3_000; line = lines.readLine()) {
                if (!line.startsWith("acked ")) {
                    continue; // the child's own log lines
                }
                String[] fields = line.split(" ");
                acknowledged.put(fields[1], Long.parseLong(fields[2]));
            }
        } finally {
            // SIGKILL while it is still appending: no shutdown hook, no close, no flush
            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).as("the child is gone").isTrue();
        }
        assertThat(acknowledged).as("acknowledgements read from the child before the kill").hasSize(3_000);
        try (var natives = java.nio.file.Files.walk(dataDir.resolve("native"))) {
            assertThat(natives.filter(p -> p.getFileName().toString().startsWith("librocksdbjni")))
                    .as("the native library is kept in the data folder, not extracted to /tmp at each start").hasSize(1);
        }

        RocksStorage storage = new RocksStorage(folder);
        try {
            RocksLogRecords records = new RocksLogRecords(storage);
            acknowledged.forEach((clientId, position) -> assertThat(
                    records.findByClientId(chat, sender, new ClientMessageId(clientId)))
                    .as("acknowledged %s at %d", clientId, position)
                    .hasValueSatisfying(m -> assertThat(m.position().value()).isEqualTo(position)));
            long last = acknowledged.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            assertThat(records.lastPosition()).isGreaterThanOrEqualTo(last);
        } finally {
            storage.close();
        }
    }

    @Test
    void group_commit_puts_many_concurrent_appends_in_few_syncs() {
        RocksMessageLog log = openLog();
        appendAll(log, entries(1, chatId(), userId()));
        long before = log.commits();

        List<Message> logged = appendAll(log, entries(2_000, chatId(), userId()));

        long commits = log.commits() - before;
        assertThat(logged).extracting(Message::position).doesNotHaveDuplicates().isSorted();
        assertThat(commits).as("synced writes for 2,000 appends").isPositive().isLessThanOrEqualTo(2_000 / 4);
    }

    @Test
    void a_commit_holds_at_most_the_configured_batch_size() {
        RocksMessageLog log = openLog(Map.of("chat.log.batch-size", 50));

        appendAll(log, entries(1_000, chatId(), userId()));

        assertThat(log.commits()).isGreaterThanOrEqualTo(1_000 / 50);
    }

    @Test
    void the_same_message_appended_twice_at_once_is_logged_once() {
        RocksMessageLog log = openLog();
        Entry entry = entry(chatId(), userId());
        List<Appended> results = new ArrayList<>();
        for (int round = 0; round < 20; round++) {
            Entry again = new Entry(messageId(), entry.chatId(), entry.sender(), entry.senderDevice(),
                    entry.clientMessageId(), entry.body(), entry.sentAt());
            CompletableFuture<Appended> first = log.append(entry).toCompletableFuture();
            CompletableFuture<Appended> second = log.append(again).toCompletableFuture();
            results.add(first.join());
            results.add(second.join());
        }

        assertThat(results).extracting(Appended::message).containsOnly(results.get(0).message());
        assertThat(results).filteredOn(appended -> !appended.duplicate()).hasSize(1);
        assertThat(log.head(entry.chatId())).isEqualTo(results.get(0).message().position());
    }

    @Test
    void repeats_of_a_logged_message_among_new_ones_all_return_the_original() {
        RocksMessageLog log = openLog();
        ChatId chat = chatId();
        UserId sender = userId();
        Entry first = entry(chat, sender);
        Message original = appendAll(log, List.of(first)).get(0);
        List<Entry> fresh = entries(200, chat, sender);
        List<CompletableFuture<Appended>> pending = new ArrayList<>();
        for (int i = 0; i < fresh.size(); i++) {
            pending.add(log.append(fresh.get(i)).toCompletableFuture());
            if (i % 50 == 0) {
                // queued with the new ones, so that the writer settles several in one batch
                pending.add(log.append(first).toCompletableFuture());
            }
        }

        List<Appended> results = pending.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join()).toList();

        assertThat(results).filteredOn(Appended::duplicate).hasSize(4)
                .extracting(Appended::message).containsOnly(original);
        assertThat(results).filteredOn(appended -> !appended.duplicate()).extracting(a -> a.message().position())
                .hasSize(200).doesNotHaveDuplicates().isSorted().allMatch(p -> p.compareTo(original.position()) > 0);
    }

    @Test
    void the_same_messages_appended_from_many_threads_at_once_are_each_logged_once() throws Exception {
        RocksMessageLog log = openLog();
        ChatId chat = chatId();
        UserId sender = userId();
        List<Entry> messages = entries(100, chat, sender);
        int threads = 8;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        try {
            List<Future<List<Appended>>> sent = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                List<Entry> order = new ArrayList<>(messages);
                Collections.shuffle(order, new Random(t));
                // new messages between the repeats, so that they meet in different batches
                List<Entry> mixed = new ArrayList<>();
                order.forEach(e -> {
                    mixed.add(e);
                    mixed.add(entry(chat, sender));
                });
                sent.add(senders.submit(() -> mixed.stream().map(e -> log.append(e).toCompletableFuture()).toList()
                        .stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join()).toList()));
            }
            Map<ClientMessageId, List<Appended>> byClientId = new HashMap<>();
            for (Future<List<Appended>> results : sent) {
                for (Appended appended : results.get(60, TimeUnit.SECONDS)) {
                    byClientId.computeIfAbsent(appended.message().clientMessageId(), k -> new ArrayList<>()).add(appended);
                }
            }
            for (Entry message : messages) {
                List<Appended> answers = byClientId.get(message.clientMessageId());
                assertThat(answers).as("every thread's answer for one message").hasSize(threads)
                        .extracting(Appended::message).containsOnly(answers.get(0).message());
                assertThat(answers).as("logged once, the others its repeats").filteredOn(a -> !a.duplicate()).hasSize(1);
            }
            assertThat(byClientId).as("the messages and each thread's new ones").hasSize(messages.size() * (threads + 1));
        } finally {
            senders.shutdownNow();
        }
    }

    @Test
    void a_duplicate_sent_later_is_found_in_the_store() {
        RocksMessageLog log = openLog();
        ChatId chat = chatId();
        UserId sender = userId();
        Entry first = entry(chat, sender);
        Message original = appendAll(log, List.of(first)).get(0);
        appendAll(log, entries(10, chat, sender));

        Appended again = log.append(first).toCompletableFuture().join();

        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(original);
    }

    @Test
    void a_failing_consumer_is_retried_until_it_takes_the_batch() {
        RocksMessageLog log = openLog();
        List<Message> received = new ArrayList<>();
        int[] failuresLeft = {3};
        log.subscribe(STORE, batch -> {
            synchronized (received) {
                if (failuresLeft[0]-- > 0) {
                    throw new IllegalStateException("consumer down");
                }
                received.addAll(batch);
            }
        });
        List<Message> sent = appendAll(log, entries(20, chatId(), userId()));

        Eventually.await("the consumer got every message", () -> {
            synchronized (received) {
                return received.size() >= sent.size();
            }
        });
        synchronized (received) {
            assertThat(received).containsExactlyElementsOf(sent);
        }
        Eventually.await("the backlog is empty", () -> log.backlog(STORE) == 0);
    }

    @Test
    void retention_deletes_old_consumed_entries_and_positions_are_never_reused() {
        RocksMessageLog log = openLog(Map.of("chat.log.retention", "7d"));
        ChatId chat = chatId();
        UserId sender = userId();
        List<Entry> sent = entries(50, chat, sender);
        List<Message> old = appendAll(log, sent);
        Instant oldest = old.get(0).sentAt();
        Instant newest = old.get(old.size() - 1).sentAt();

        assertThat(log.deleteConsumedOlderThanRetention(newest.plus(Duration.ofDays(8))))
                .as("nothing is deleted before the consumer has it").isZero();

        log.subscribe(STORE, batch -> { });
        Eventually.await("the backlog is empty", () -> log.backlog(STORE) == 0);
        assertThat(log.deleteConsumedOlderThanRetention(oldest.plus(Duration.ofDays(6)))).as("young entries stay")
                .isZero();
        assertThat(log.deleteConsumedOlderThanRetention(newest.plus(Duration.ofDays(8)))).isEqualTo(50);

        contexts.get(0).close();
        RocksMessageLog reopened = openLog();
        assertThat(reopened.head(chat)).isEqualTo(old.get(old.size() - 1).position());
        assertThat(reopened.backlog(STORE)).isZero();
        Appended resent = reopened.append(sent.get(0)).toCompletableFuture().join();
        assertThat(resent.duplicate()).as("past the retention, a resend is a new message").isFalse();
        assertThat(resent.message().position()).isGreaterThan(old.get(old.size() - 1).position());
    }

    @Test
    void appends_after_close_are_refused() {
        RocksMessageLog log = openLog();
        contexts.get(0).close();

        assertThatThrownBy(() -> log.append(entry(chatId(), userId())).toCompletableFuture().join())
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(log.head(chatId())).isEqualTo(Position.START);
        assertThatThrownBy(() -> log.subscribe(STORE, batch -> { })).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_call_after_the_storage_closed_is_refused_instead_of_reaching_the_closed_native_database() {
        openLog();
        RocksMessages messages = contexts.get(0).getBean(RocksMessages.class);
        contexts.get(0).close();

        assertThatThrownBy(() -> messages.after(chatId(), 0, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void a_second_server_on_the_same_data_folder_is_refused_with_a_clear_error() {
        openLog();

        assertThatThrownBy(() -> new RocksStorage(dataDir.toAbsolutePath().resolve("messages")))
                .isInstanceOf(RocksFailure.class)
                .hasMessageContaining("another server");
    }
    @Test
    void retention_deletes_only_what_every_subscription_has_consumed() {
        RocksMessageLog log = openLog(Map.of("chat.log.retention", "7d"));
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
        log.subscribe(STORE, batch -> { });
        // a follower's consumer must not block (it may run on its leader's thread): this one fails until released
        log.subscribe(DELIVERY, batch -> {
            if (!released.get()) {
                throw new IllegalStateException("not yet");
            }
        });
        List<Message> old = appendAll(log, entries(50, chatId(), userId()));
        Instant later = old.get(old.size() - 1).sentAt().plus(Duration.ofDays(8));
        Eventually.await("the store subscription has everything", () -> log.backlog(STORE) == 0);

        assertThat(log.deleteConsumedOlderThanRetention(later)).as("delivery holds its first batch").isZero();
        released.set(true);
        Eventually.await("the delivery subscription has everything", () -> log.backlog(DELIVERY) == 0);
        assertThat(log.deleteConsumedOlderThanRetention(later)).isEqualTo(50);
    }

    @Test
    void a_follower_that_keeps_up_is_fed_on_its_leaders_thread_and_one_that_fails_on_its_own() {
        RocksMessageLog log = openLog(Map.of());
        java.util.Set<String> storeThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<String> deliveryThreads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger failures = new java.util.concurrent.atomic.AtomicInteger(1);
        java.util.concurrent.atomic.AtomicLong delivered = new java.util.concurrent.atomic.AtomicLong();
        log.subscribe(STORE, batch -> storeThreads.add(Thread.currentThread().getName()));
        log.subscribe(DELIVERY, batch -> {
            if (failures.getAndDecrement() > 0) {
                throw new IllegalStateException("the first attempt fails");
            }
            deliveryThreads.add(Thread.currentThread().getName());
            delivered.addAndGet(batch.size());
        });
        ChatId chat = chatId();
        UserId sender = userId();
        for (int i = 0; i < 30; i++) {
            appendAll(log, entries(1, chat, sender));
            Eventually.await("delivered", () -> log.backlog(DELIVERY) == 0);
        }

        assertThat(delivered.get()).as("every message once the failure was retried").isGreaterThanOrEqualTo(30);
        assertThat(storeThreads).containsExactly("chat-log-feeder-store");
        assertThat(deliveryThreads).as("kept up: fed on the store subscription's thread; the failed page was "
                + "retried on the follower's own").containsExactlyInAnyOrder("chat-log-feeder-store",
                "chat-log-feeder-delivery");
    }

    @Test
    void a_subscription_recorded_but_not_subscribed_after_a_restart_still_holds_back_the_retention() {
        RocksMessageLog log = openLog(Map.of("chat.log.retention", "7d"));
        Subscription audit = Subscription.named("audit");
        log.subscribe(STORE, batch -> { });
        log.subscribe(audit, batch -> { });
        List<Message> first = appendAll(log, entries(10, chatId(), userId()));
        Eventually.await("both have the first ten", () -> log.backlog(STORE) == 0 && log.backlog(audit) == 0);
        contexts.get(0).close();

        RocksMessageLog reopened = openLog(Map.of("chat.log.retention", "7d"));
        reopened.subscribe(STORE, batch -> { });
        List<Message> second = appendAll(reopened, entries(10, chatId(), userId()));
        Eventually.await("store has everything", () -> reopened.backlog(STORE) == 0);
        Instant later = second.get(second.size() - 1).sentAt().plus(Duration.ofDays(8));

        assertThat(reopened.backlog(audit)).isEqualTo(10);
        assertThat(reopened.deleteConsumedOlderThanRetention(later)).as("only what audit had handled too")
                .isEqualTo(first.size());
    }

    @Test
    void an_upgraded_data_folder_starts_its_subscriptions_at_the_old_consumers_position() {
        Path folder = dataDir.resolve("messages");
        RocksMessageLog old = openLog();
        List<Message> handledBefore = appendAll(old, entries(5, chatId(), userId()));
        List<Message> notHandled = appendAll(old, entries(3, chatId(), userId()));
        contexts.get(0).close();
        // the data folder as the release before subscriptions left it: one consumer, "message-pipeline"
        RocksStorage storage = new RocksStorage(folder);
        try {
            new RocksLogRecords(storage).recordConsumer("message-pipeline",
                    handledBefore.get(handledBefore.size() - 1).position().value());
        } finally {
            storage.close();
        }

        RocksMessageLog upgraded = openLog();
        assertThat(upgraded.backlog(STORE)).isEqualTo(3);
        List<Message> stored = new ArrayList<>();
        List<Message> delivered = new ArrayList<>();
        upgraded.subscribe(STORE, batch -> {
            synchronized (stored) {
                stored.addAll(batch);
            }
        });
        upgraded.subscribe(DELIVERY, batch -> {
            synchronized (delivered) {
                delivered.addAll(batch);
            }
        });

        Eventually.await("both have what the old consumer had not handled", () -> {
            synchronized (stored) {
                synchronized (delivered) {
                    return stored.size() >= 3 && delivered.size() >= 3;
                }
            }
        });
        synchronized (stored) {
            assertThat(stored).as("nothing the old consumer had handled is replayed").containsExactlyElementsOf(notHandled);
        }
        synchronized (delivered) {
            assertThat(delivered).containsExactlyElementsOf(notHandled);
        }
        Eventually.await("the backlogs are empty", () -> upgraded.backlog(STORE) == 0 && upgraded.backlog(DELIVERY) == 0);
    }
}
