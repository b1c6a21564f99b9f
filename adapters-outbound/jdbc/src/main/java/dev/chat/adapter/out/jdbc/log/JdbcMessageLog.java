package dev.chat.adapter.out.jdbc.log;

import dev.chat.adapter.out.jdbc.RetentionScheduler;
import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link MessageLog} on the {@code message_log} table of H2 or PostgreSQL: the distributed
 * profile's log until the Kafka log replaces it (the embedded default's log is RocksDB's). Appends
 * are queued to one writer thread that group-commits them ({@link LogWriter}); an append completes
 * once its batch is committed, so with H2's {@code WRITE_DELAY=0} an acknowledged message survives
 * {@code kill -9}. Each subscription has a dispatcher thread that feeds its consumer
 * ({@link LogDispatcher}), its position in a {@code log_consumer} row under its name; a
 * subscription {@code after} another is fed only what that one's consumer returned from.
 *
 * <p>Idempotency: an append with the chat, sender and client message id of a logged entry returns
 * that entry. The window is the log's retention ({@code chat.log.retention}, 7 days by default):
 * entries every subscription has consumed that are older than that are deleted by a periodic
 * sweep, and a resend after that is a new message.
 */
@Singleton
@Requires(property = "chat.log.backend", value = "jdbc", defaultValue = "jdbc")
public final class JdbcMessageLog implements MessageLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageLog.class);
    private static final int HANDOVER_BATCHES = 64;
    private static final int SWEEP_PAGE = 5_000;
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The name the log's one consumer had before subscriptions: an upgraded database still has its row. */
    static final String LEGACY_CONSUMER = "message-pipeline";

    private final DataSource dataSource;
    private final Duration retention;
    private final int pageSize;
    /** The positions recorded when the log opened, by subscription name (the legacy consumer's too). */
    private final Map<String, Long> recordedAtOpen;
    private final BlockingQueue<PendingAppend> queue;
    private final ExecutorService acknowledgements;
    private final LogWriter writer;
    private final Thread writerThread;
    /** Every subscription's dispatcher, by name; added to under {@code this}. */
    private final Map<String, LogDispatcher> dispatchers = new ConcurrentHashMap<>();
    /** Guarded by {@code this}. */
    private final Map<String, Thread> dispatcherThreads = new HashMap<>();
    /** The dispatchers the writer hands each commit to (those that follow no other); replaced, never changed. */
    private volatile LogDispatcher[] roots = new LogDispatcher[0];
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
        this.pageSize = batchSize;
        long head;
        try (Connection connection = this.dataSource.getConnection()) {
            this.recordedAtOpen = Map.copyOf(LogTable.consumerPositions(connection));
            // swept entries were consumed by every subscription, so their positions keep positions from being reused
            long consumed = recordedAtOpen.values().stream().mapToLong(Long::longValue).max().orElse(0);
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
        this.writer = new LogWriter(this.dataSource, queue, batchSize, new RecentAppends(dedupCacheSize), head,
                acknowledgements, this::committed, linger.toNanos());
        this.writerThread = daemon("chat-log-writer").newThread(writer);
        writerThread.start();
        scheduler.every(sweepInterval, "message log", () -> deleteConsumedOlderThanRetention(Instant.now()));
        LOG.info("message log open at position {}, subscriptions at {}", head, recordedAtOpen);
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

    /**
     * The committed head of the whole log (positions are global here). Not the highest position given
     * out: one given to an append whose batch failed, or that turned out a duplicate, is never
     * committed and may be given again after a restart. Every replay reads only up to a head read
     * before its page, and the writer hands a batch over only after moving this head, so no message
     * is offered above it.
     */
    @Override
    public Position head(ChatId chat) {
        return new Position(writer.committedHead());
    }

    @Override
    public synchronized void subscribe(Subscription subscription, Consumer consumer) {
        if (subscription.after().filter(subscription.name()::equals).isPresent()) {
            throw new IllegalArgumentException("a subscription cannot follow itself: " + subscription.name());
        }
        if (dispatchers.containsKey(subscription.name())) {
            throw new IllegalStateException("message log subscription " + subscription.name() + " already has a consumer");
        }
        if (!accepting) {
            throw closed();
        }
        long position = startingPosition(subscription.name());
        boolean root = subscription.after().isEmpty();
        LogDispatcher dispatcher = new LogDispatcher(dataSource, pageSize, HANDOVER_BATCHES, subscription, consumer,
                root ? writer::committedHead : null, position);
        dispatchers.put(subscription.name(), dispatcher);
        if (root) {
            // from now on the writer hands batches over; the replay that run begins with reads the table
            // later still: every commit is handed over or replayed (or both, and then delivered once)
            List<LogDispatcher> more = new ArrayList<>(List.of(roots));
            more.add(dispatcher);
            roots = more.toArray(LogDispatcher[]::new);
        } else {
            LogDispatcher leader = dispatchers.get(subscription.after().get());
            if (leader != null) {
                leader.lead(dispatcher);
            }
            // else it waits: its leader, when it subscribes, takes it on below
        }
        for (LogDispatcher waiting : dispatchers.values()) {
            if (waiting.subscription().after().filter(subscription.name()::equals).isPresent()) {
                dispatcher.lead(waiting);
            }
        }
        Thread thread = daemon("chat-log-dispatcher-" + subscription.name()).newThread(dispatcher);
        dispatcherThreads.put(subscription.name(), thread);
        thread.start();
        LOG.info("message log subscription {} starts after position {}{}", subscription.name(), position,
                subscription.after().map(leader -> ", after " + leader).orElse(""));
    }

    /**
     * Where a subscription starts: its recorded position; for one never recorded on a database of the
     * time before subscriptions, the old consumer's position (both {@code store} and {@code delivery}
     * inherit it: what it had handled was stored and delivered), else the start.
     */
    private long startingPosition(String name) {
        Long own = recordedAtOpen.get(name);
        if (own != null) {
            return own;
        }
        Long legacy = recordedAtOpen.get(LEGACY_CONSUMER);
        if (legacy == null) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            LogTable.moveConsumer(connection, name, legacy);
        } catch (SQLException e) {
            LOG.warn("message log could not record the inherited position {} of subscription {}: {}", legacy, name,
                    SqlErrors.describe(e));
        }
        LOG.info("message log subscription {} inherits the position {} of the old consumer {}", name, legacy,
                LEGACY_CONSUMER);
        return legacy;
    }

    private void committed(List<Message> batch) {
        for (LogDispatcher root : roots) {
            root.handOver(batch);
        }
    }

    @Override
    public long backlog(Subscription subscription) {
        LogDispatcher dispatcher = dispatchers.get(subscription.name());
        long handled = dispatcher != null ? dispatcher.delivered()
                : recordedAtOpen.getOrDefault(subscription.name(), recordedAtOpen.getOrDefault(LEGACY_CONSUMER, 0L));
        // committed positions only: a position given to a failed or duplicate append is never consumed
        return Math.max(0, writer.committedHead() - handled);
    }

    /** How many batches the writer committed: appends divided by this is the group commit's gain. */
    public long commits() {
        return writer.commits();
    }

    /**
     * Up to where every subscription has handled the log: the lowest position of those with a
     * consumer here and of those recorded in {@code log_consumer} (they will be back). The old
     * consumer counts only while no subscription has run. 0 (nothing) without any subscription.
     */
    private long consumedByAll(Connection connection) throws SQLException {
        Map<String, Long> positions = new HashMap<>(LogTable.consumerPositions(connection));
        dispatchers.forEach((name, dispatcher) -> positions.put(name, dispatcher.delivered()));
        if (positions.size() > 1) {
            positions.remove(LEGACY_CONSUMER);
        }
        return positions.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** Deletes entries every subscription has handled that were logged before {@code now} minus the retention. */
    public int deleteConsumedOlderThanRetention(Instant now) {
        Instant cutoff = now.minus(retention);
        int deleted = 0;
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            long consumed = consumedByAll(connection);
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

    /**
     * Stops taking appends, commits what is queued, lets the subscriptions have it (each leader
     * before its followers, so a follower is handed what its leader handled last), and stops the threads.
     */
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
        Set<String> stopped = new HashSet<>();
        for (LogDispatcher root : roots) {
            stopWithFollowers(root, stopped);
        }
        // followers whose leader never subscribed
        dispatchers.values().forEach(dispatcher -> stopWithFollowers(dispatcher, stopped));
        acknowledgements.shutdown();
        try {
            if (!acknowledgements.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("message log acknowledgements did not finish within {}", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Long> positions = new HashMap<>();
        dispatchers.forEach((name, dispatcher) -> positions.put(name, dispatcher.delivered()));
        LOG.info("message log closed at position {}, subscriptions at {}", writer.committedHead(), positions);
    }

    private void stopWithFollowers(LogDispatcher dispatcher, Set<String> stopped) {
        if (!stopped.add(dispatcher.subscription().name())) {
            return;
        }
        dispatcher.stop();
        join(dispatcherThreads.get(dispatcher.subscription().name()));
        for (LogDispatcher follower : dispatcher.followers()) {
            stopWithFollowers(follower, stopped);
        }
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
