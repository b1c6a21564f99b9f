package dev.chat.adapter.out.jdbc.log;

import dev.chat.adapter.out.jdbc.RetentionScheduler;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.message.Position;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default's {@link MessageLog}: the seed's Kafka topic made in-process and durable on
 * the {@code message_log} table. Appends are queued to one writer thread that group-commits them
 * ({@link LogWriter}); an append completes once its batch is committed, so with H2's
 * {@code WRITE_DELAY=0} an acknowledged message survives {@code kill -9}. A dispatcher thread feeds
 * the consumer ({@link LogDispatcher}).
 *
 * <p>Idempotency: an append with the chat, sender and client message id of a logged entry returns
 * that entry. The window is the log's retention ({@code chat.log.retention}, 7 days by default):
 * consumed entries older than that are deleted by a periodic sweep, and a resend after that is a
 * new message.
 */
@Singleton
@Requires(property = "chat.log.backend", value = "jdbc", defaultValue = "jdbc")
public final class JdbcMessageLog implements MessageLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageLog.class);
    private static final int HANDOVER_BATCHES = 64;
    private static final int SWEEP_PAGE = 5_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final DataSource dataSource;
    private final Duration retention;
    private final BlockingQueue<PendingAppend> queue;
    private final ExecutorService acknowledgements;
    private final LogWriter writer;
    private final LogDispatcher dispatcher;
    private final Thread writerThread;
    private Thread dispatcherThread;
    private volatile boolean accepting = true;

    public JdbcMessageLog(DataSource dataSource, RetentionScheduler scheduler,
                          @Value("${chat.log.batch-size:1000}") int batchSize,
                          @Value("${chat.log.retention:7d}") Duration retention,
                          @Value("${chat.log.queue-capacity:10000}") int queueCapacity,
                          @Value("${chat.log.dedup-cache-size:100000}") int dedupCacheSize,
                          @Value("${chat.retention.sweep-interval:1h}") Duration sweepInterval,
                          @Value("${chat.log.linger:0ms}") Duration linger) {
        if (batchSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("chat.log.batch-size and chat.log.queue-capacity must be positive");
        }
        // outside Micronaut's transaction-bound connection: the log's threads manage their own connections
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.retention = retention;
        long consumed;
        long head;
        try (Connection connection = this.dataSource.getConnection()) {
            consumed = LogTable.consumerPosition(connection, LogDispatcher.CONSUMER_NAME);
            // swept entries were all consumed, so the consumer's position keeps positions from being reused
            head = Math.max(LogTable.maxPosition(connection), consumed);
            String url = connection.getMetaData().getURL();
            boolean h2 = url != null && url.regionMatches(true, 0, "jdbc:h2:", 0, 8);
            warnIfNotDurable(url, h2 ? h2WriteDelay(connection) : null);
        } catch (SQLException e) {
            throw StorageFailure.of("opening the message log", e);
        }
        // bounded: under overload an append is refused at once rather than held in memory without end
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.acknowledgements = Executors.newSingleThreadExecutor(daemon("chat-log-ack"));
        this.dispatcher = new LogDispatcher(this.dataSource, batchSize, HANDOVER_BATCHES, consumed);
        this.writer = new LogWriter(this.dataSource, queue, batchSize, new RecentAppends(dedupCacheSize), head,
                acknowledgements, dispatcher::committed, linger.toNanos());
        this.writerThread = daemon("chat-log-writer").newThread(writer);
        writerThread.start();
        scheduler.every(sweepInterval, "message log", () -> deleteConsumedOlderThanRetention(Instant.now()));
        LOG.info("message log open at position {}, consumer at {}", head, consumed);
    }

    @Override
    public CompletionStage<Appended> append(Entry entry) {
        if (!accepting) {
            return CompletableFuture.failedFuture(closed());
        }
        PendingAppend pending = new PendingAppend(entry);
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(RejectedException.of(Rejection.RATE_LIMITED,
                    "the server is busy; send again later"));
        }
        // close() may have run between the check and the offer; then the writer may be gone
        if (!accepting && queue.remove(pending)) {
            return CompletableFuture.failedFuture(closed());
        }
        return pending.result;
    }

    @Override
    public Position head() {
        return new Position(writer.head());
    }

    @Override
    public synchronized void start(Consumer consumer) {
        if (dispatcher.hasConsumer()) {
            throw new IllegalStateException("the message log already has a consumer");
        }
        if (!accepting) {
            throw new IllegalStateException("the message log is closed");
        }
        dispatcher.consumeWith(consumer);
        dispatcherThread = daemon("chat-log-dispatcher").newThread(dispatcher);
        dispatcherThread.start();
    }

    @Override
    public long backlog() {
        // committed positions only: a position given to a failed or duplicate append is never consumed
        return Math.max(0, writer.committedHead() - dispatcher.delivered());
    }

    /** How many batches the writer committed: appends divided by this is the group commit's gain. */
    public long commits() {
        return writer.commits();
    }

    /** Deletes consumed entries logged before {@code now} minus the retention; returns how many. */
    public int deleteConsumedOlderThanRetention(Instant now) {
        Instant cutoff = now.minus(retention);
        long consumed = dispatcher.delivered();
        int deleted = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            long after = 0;
            while (true) {
                LogTable.OldEntries old = LogTable.oldEntries(connection, after, consumed, cutoff, SWEEP_PAGE);
                if (old.upTo() > after) {
                    deleted += LogTable.deleteRange(connection, after, old.upTo());
                }
                if (!old.more()) {
                    break;
                }
                after = old.upTo();
            }
        } catch (SQLException e) {
            throw StorageFailure.of("deleting old message log entries", e);
        }
        if (deleted > 0) {
            LOG.info("deleted {} consumed message log entries older than {}", deleted, retention);
        }
        return deleted;
    }

    /** Stops taking appends, commits what is queued, lets the consumer have it, and stops the threads. */
    @PreDestroy
    @Override
    public synchronized void close() {
        if (!accepting) {
            return;
        }
        accepting = false;
        writer.stop();
        join(writerThread);
        List<PendingAppend> abandoned = new ArrayList<>();
        queue.drainTo(abandoned);
        abandoned.forEach(p -> p.result.completeExceptionally(closed()));
        dispatcher.stop();
        if (dispatcherThread != null) {
            join(dispatcherThread);
        }
        acknowledgements.shutdown();
        try {
            if (!acknowledgements.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("message log acknowledgements did not finish within {}", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("message log closed at position {}, consumer at {}", writer.head(), dispatcher.delivered());
    }

    /** The log promises that an acknowledged message survives a crash; say so when the database cannot keep that. */
    private static void warnIfNotDurable(String url, String writeDelay) {
        String normalized = url == null ? "" : url.toUpperCase(java.util.Locale.ROOT);
        if (normalized.startsWith("JDBC:H2:MEM:")) {
            LOG.warn("the message log is on an in-memory H2 database: messages are lost when the process stops;"
                    + " set datasources.default.url to a file database");
        } else if (normalized.startsWith("JDBC:H2:") && !"0".equals(writeDelay)) {
            LOG.warn("the message log's H2 URL lacks WRITE_DELAY=0: acknowledged messages may be lost on a crash");
        }
    }

    /** H2's effective WRITE_DELAY (the JDBC URL it reports carries no settings), or null elsewhere. */
    private static String h2WriteDelay(java.sql.Connection connection) {
        try (var statement = connection.createStatement();
             var row = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'")) {
            return row.next() ? row.getString(1).trim() : null;
        } catch (java.sql.SQLException notH2) {
            return null;
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join(STOP_TIMEOUT.toMillis());
            if (thread.isAlive()) {
                LOG.warn("{} did not stop within {}; interrupting it", thread.getName(), STOP_TIMEOUT);
                thread.interrupt();
                thread.join(STOP_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static IllegalStateException closed() {
        return new IllegalStateException("the message log is closed");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
