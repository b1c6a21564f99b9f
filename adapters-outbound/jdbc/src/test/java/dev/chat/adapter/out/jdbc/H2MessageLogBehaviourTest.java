package dev.chat.adapter.out.jdbc;

import dev.chat.adapter.out.jdbc.log.JdbcMessageLog;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageLog.Appended;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.application.port.MessageLog.Subscription;
import dev.chat.application.port.contract.Eventually;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.clientId;
import static dev.chat.application.port.contract.PortFixtures.entry;
import static dev.chat.application.port.contract.PortFixtures.messageId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the H2 message log does beyond the port's contract: durability, group commit, failures, retention. */
class H2MessageLogBehaviourTest {
    private static final Subscription STORE = Subscription.named("store");
    private static final Subscription DELIVERY = Subscription.named("delivery").after(STORE);

    @TempDir
    Path dataDir;
    private final List<ApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void closeAll() {
        contexts.stream().filter(ApplicationContext::isRunning).forEach(ApplicationContext::close);
    }

    private ApplicationContext open(Map<String, Object> properties) {
        ApplicationContext context = H2Store.open(dataDir, properties);
        contexts.add(context);
        return context;
    }

    private JdbcMessageLog openLog() {
        return openLog(Map.of());
    }

    private JdbcMessageLog openLog(Map<String, Object> properties) {
        return open(properties).getBean(JdbcMessageLog.class);
    }

    private static List<Message> appendAll(MessageLog log, List<Entry> entries) {
        List<CompletableFuture<Appended>> pending = entries.stream()
                .map(e -> log.append(e).toCompletableFuture()).toList();
        return pending.stream().map(f -> f.orTimeout(30, TimeUnit.SECONDS).join().message()).toList();
    }

    private static List<Entry> entries(int count, ChatId chat, UserId sender) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry(chat, sender));
        }
        return entries;
    }

    /** Runs SQL beside the adapters, as an operator (or a crash) would. */
    private static void execute(ApplicationContext context, String sql) {
        DataSource raw = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        Connection connection = null;
        try {
            connection = raw.getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        } finally {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException closedByTheStatement) {
                // SHUTDOWN closes the connection itself
            }
        }
    }

    @Test
    void an_acknowledged_append_survives_a_crash_of_the_database() throws SQLException {
        JdbcMessageLog log = openLog();
        ChatId chat = chatId();
        List<Entry> sent = entries(300, chat, userId());
        List<Message> acknowledged = appendAll(log, sent);

        // like kill -9: H2 closes its files at once and writes nothing it had not written yet
        execute(contexts.get(0), "SHUTDOWN IMMEDIATELY");
        contexts.get(0).close();

        JdbcMessageLog reopened = openLog();
        assertThat(reopened.head(chat)).isEqualTo(acknowledged.get(acknowledged.size() - 1).position());
        List<Message> received = new ArrayList<>();
        reopened.subscribe(STORE, batch -> {
            synchronized (received) {
                received.addAll(batch);
            }
        });
        Eventually.await("the replay has every acknowledged message", () -> {
            synchronized (received) {
                return received.size() >= acknowledged.size();
            }
        });
        synchronized (received) {
            assertThat(received).containsExactlyElementsOf(acknowledged);
        }
        Appended again = reopened.append(sent.get(123)).toCompletableFuture().join();
        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(acknowledged.get(123));
    }

    @Test
    void group_commit_puts_many_concurrent_appends_in_few_commits() {
        JdbcMessageLog log = openLog();
        appendAll(log, entries(1, chatId(), userId()));
        long before = log.commits();

        List<Message> logged = appendAll(log, entries(2_000, chatId(), userId()));

        long commits = log.commits() - before;
        assertThat(logged).extracting(Message::position).doesNotHaveDuplicates().isSorted();
        assertThat(commits).as("commits for 2,000 appends").isPositive().isLessThanOrEqualTo(2_000 / 4);
    }

    @Test
    void a_commit_holds_at_most_the_configured_batch_size() {
        JdbcMessageLog log = openLog(Map.of("chat.log.batch-size", 50));

        appendAll(log, entries(1_000, chatId(), userId()));

        assertThat(log.commits()).isGreaterThanOrEqualTo(1_000 / 50);
    }

    @Test
    void the_same_message_appended_twice_at_once_is_logged_once() {
        JdbcMessageLog log = openLog();
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
    void a_failing_append_fails_the_writer_goes_on_and_the_body_stays_out_of_the_logs() {
        JdbcMessageLog log = openLog();
        // the database refuses this one row, as it might refuse any batch
        execute(contexts.get(0), "ALTER TABLE message_log ADD CONSTRAINT refuse_test_rows CHECK (body NOT LIKE 'top-secret%')");
        Entry refused = new Entry(messageId(), chatId(), userId(), new DeviceId("phone"), clientId(),
                new MessageBody("top-secret words"), Instant.parse("2026-03-01T10:00:00Z"));

        try (CapturedLogs logs = new CapturedLogs()) {
            CompletableFuture<Appended> failed = log.append(refused).toCompletableFuture();
            assertThatThrownBy(() -> failed.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StorageFailure.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("top-secret"));

            Message next = appendAll(log, entries(1, chatId(), userId())).get(0);
            assertThat(next.position()).isGreaterThan(Position.START);
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains("top-secret"));
        }
    }

    @Test
    void a_failing_consumer_is_retried_and_its_failure_logged_without_the_data() {
        JdbcMessageLog log = openLog();
        List<Message> received = new ArrayList<>();
        CountDownLatch failures = new CountDownLatch(3);
        try (CapturedLogs logs = new CapturedLogs()) {
            log.subscribe(STORE, batch -> {
                if (failures.getCount() > 0) {
                    failures.countDown();
                    throw new IllegalStateException("store failed", new SQLException(
                            "Value too long for column \"BODY\": 'hush-hush words' (15)", "22001"));
                }
                synchronized (received) {
                    received.addAll(batch);
                }
            });
            Message sent = appendAll(log, entries(1, chatId(), userId())).get(0);

            Eventually.await("the consumer got the message", () -> {
                synchronized (received) {
                    return received.contains(sent);
                }
            });
            assertThat(logs.lines()).filteredOn(line -> line.contains("consumer failed")).hasSize(3);
            assertThat(logs.lines()).noneMatch(line -> line.contains("hush-hush"));
        }
        Eventually.await("the backlog is empty", () -> log.backlog(STORE) == 0);
    }

    @Test
    void a_consumer_far_behind_catches_up_from_the_table_in_order_and_once() throws InterruptedException {
        JdbcMessageLog log = openLog(Map.of("chat.log.batch-size", 1));
        CountDownLatch allAppended = new CountDownLatch(1);
        List<Message> received = new ArrayList<>();
        log.subscribe(STORE, batch -> {
            try {
                allAppended.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            synchronized (received) {
                received.addAll(batch);
            }
        });
        ChatId chat = chatId();
        List<Message> sent = appendAll(log, entries(300, chat, userId()));
        allAppended.countDown();

        Eventually.await("the consumer got every message", () -> {
            synchronized (received) {
                return received.size() >= sent.size();
            }
        });
        synchronized (received) {
            assertThat(received).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void retention_deletes_old_consumed_entries_and_positions_are_never_reused() {
        JdbcMessageLog log = openLog(Map.of("chat.log.retention", "7d"));
        List<Message> received = new ArrayList<>();
        List<Message> old = appendAll(log, entries(50, chatId(), userId()));
        Instant oldest = old.get(0).sentAt();
        Instant newest = old.get(old.size() - 1).sentAt();

        assertThat(log.deleteConsumedOlderThanRetention(newest.plus(Duration.ofDays(8))))
                .as("nothing is deleted before the consumer has it").isZero();

        log.subscribe(STORE, batch -> {
            synchronized (received) {
                received.addAll(batch);
            }
        });
        Eventually.await("the backlog is empty", () -> log.backlog(STORE) == 0);
        assertThat(log.deleteConsumedOlderThanRetention(oldest.plus(Duration.ofDays(6)))).as("young entries stay")
                .isZero();
        assertThat(log.deleteConsumedOlderThanRetention(newest.plus(Duration.ofDays(8)))).isEqualTo(50);

        contexts.get(0).close();
        JdbcMessageLog reopened = openLog();
        assertThat(reopened.head(chatId())).isEqualTo(old.get(old.size() - 1).position());
        assertThat(reopened.backlog(STORE)).isZero();
        Message next = appendAll(reopened, entries(1, chatId(), userId())).get(0);
        assertThat(next.position()).isGreaterThan(old.get(old.size() - 1).position());
    }

    @Test
    void a_duplicate_found_by_the_unique_index_leaves_no_backlog_behind() {
        JdbcMessageLog log = openLog();
        Entry entry = entry(chatId(), userId());
        Message original = appendAll(log, List.of(entry)).get(0);
        contexts.get(0).close();

        JdbcMessageLog reopened = openLog();
        Appended again = reopened.append(entry).toCompletableFuture().join();
        reopened.subscribe(STORE, batch -> { });

        assertThat(again.duplicate()).isTrue();
        assertThat(again.message()).isEqualTo(original);
        Eventually.await("the backlog is empty", () -> reopened.backlog(STORE) == 0);
    }

    @Test
    void appends_after_close_are_refused() {
        JdbcMessageLog log = openLog();
        contexts.get(0).close();

        assertThatThrownBy(() -> log.append(entry(chatId(), userId())).toCompletableFuture().join())
                .hasCauseInstanceOf(IllegalStateException.class);
    }
    @Test
    void a_follower_far_behind_its_leader_catches_up_from_the_table_in_order_and_once() {
        JdbcMessageLog log = openLog(Map.of("chat.log.batch-size", 1));
        CountDownLatch release = new CountDownLatch(1);
        List<Message> delivered = new ArrayList<>();
        log.subscribe(STORE, batch -> { });
        log.subscribe(DELIVERY, batch -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            synchronized (delivered) {
                delivered.addAll(batch);
            }
        });
        List<Message> sent = appendAll(log, entries(300, chatId(), userId()));
        Eventually.await("the leader has every message", () -> log.backlog(STORE) == 0);
        release.countDown();

        Eventually.await("the follower got every message", () -> {
            synchronized (delivered) {
                return delivered.size() >= sent.size();
            }
        });
        synchronized (delivered) {
            assertThat(delivered).containsExactlyElementsOf(sent);
        }
        Eventually.await("the follower's backlog is empty", () -> log.backlog(DELIVERY) == 0);
    }

    @Test
    void retention_deletes_only_what_every_subscription_has_consumed() {
        JdbcMessageLog log = openLog(Map.of("chat.log.retention", "7d"));
        CountDownLatch release = new CountDownLatch(1);
        log.subscribe(STORE, batch -> { });
        log.subscribe(DELIVERY, batch -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        List<Message> old = appendAll(log, entries(50, chatId(), userId()));
        Instant later = old.get(old.size() - 1).sentAt().plus(Duration.ofDays(8));
        Eventually.await("the store subscription has everything", () -> log.backlog(STORE) == 0);

        assertThat(log.deleteConsumedOlderThanRetention(later)).as("delivery holds its first batch").isZero();
        release.countDown();
        Eventually.await("the delivery subscription has everything", () -> log.backlog(DELIVERY) == 0);
        assertThat(log.deleteConsumedOlderThanRetention(later)).isEqualTo(50);
    }

    @Test
    void an_upgraded_database_starts_its_subscriptions_at_the_old_consumers_position() {
        JdbcMessageLog old = openLog();
        List<Message> handledBefore = appendAll(old, entries(5, chatId(), userId()));
        List<Message> notHandled = appendAll(old, entries(3, chatId(), userId()));
        // the row the release before subscriptions kept for its one consumer
        execute(contexts.get(0), "INSERT INTO log_consumer (name, position) VALUES ('message-pipeline', "
                + handledBefore.get(handledBefore.size() - 1).position().value() + ")");
        contexts.get(0).close();

        JdbcMessageLog upgraded = openLog();
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
    }
}
