package dev.chat.adapter.out.rocksdb.log;

import dev.chat.adapter.out.rocksdb.RocksLogRecords;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Position;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default's {@link MessageLog}: the seed's Kafka topic made in-process, on RocksDB.
 * Appends queue to one writer thread that group-commits them ({@link GroupCommitWriter}) with one
 * synced write per batch; an append completes only after that sync, so an acknowledged message
 * survives {@code kill -9} and a power loss. Each subscription has a feeder thread that gives its
 * consumer what is written ({@link LogFeeder}), its position recorded under its name in the
 * {@code consumers} column family; a subscription {@code after} another is fed only what that one's
 * consumer returned from.
 *
 * <p>Idempotency: an append with the chat, sender and client message id of a logged entry returns
 * that entry, for as long as the log keeps it ({@code chat.log.retention}, 7 days by default):
 * entries every subscription has consumed that are older than that are deleted by a periodic sweep.
 */
@Singleton
@Requires(property = "chat.log.backend", value = "rocksdb")
public final class RocksMessageLog implements MessageLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksMessageLog.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** The name the log's one consumer had before subscriptions: an upgraded data folder still has it. */
    static final String LEGACY_CONSUMER = "message-pipeline";

    private final RocksLogRecords records;
    private final Duration retention;
    private final int pageSize;
    /** The positions recorded when the log opened, by subscription name (the legacy consumer's too). */
    private final Map<String, Long> recordedAtOpen;
    private final BlockingQueue<PendingAppend> queue;
    private final ExecutorService completions;
    private final GroupCommitWriter writer;
    private final Thread writerThread;
    /** Every subscription's feeder, by name; added to under {@code this}. */
    private final Map<String, LogFeeder> feeders = new ConcurrentHashMap<>();
    /** Guarded by {@code this}. */
    private final Map<String, Thread> feederThreads = new HashMap<>();
    /** The feeders the writer tells of each commit (those that follow no other); replaced, never changed. */
    private volatile LogFeeder[] roots = new LogFeeder[0];
    private volatile boolean accepting = true;

    /** A log without meters (tests, tools). */
    public RocksMessageLog(RocksLogRecords records, int batchSize, Duration retention, int queueCapacity) {
        this(records, batchSize, retention, queueCapacity, GroupCommitMeters.NONE);
    }

    @Inject
    public RocksMessageLog(RocksLogRecords records,
                           @Value("${chat.log.batch-size:1000}") int batchSize,
                           @Value("${chat.log.retention:7d}") Duration retention,
                           @Value("${chat.log.queue-capacity:10000}") int queueCapacity,
                           BeanProvider<MeterRegistry> meters) {
        this(records, batchSize, retention, queueCapacity,
                meters.isPresent() ? new GroupCommitMeters(meters.get()) : GroupCommitMeters.NONE);
    }

    private RocksMessageLog(RocksLogRecords records, int batchSize, Duration retention, int queueCapacity,
                            GroupCommitMeters meters) {
        if (batchSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("chat.log.batch-size and chat.log.queue-capacity must be positive");
        }
        this.records = records;
        this.retention = retention;
        this.pageSize = batchSize;
        this.recordedAtOpen = Map.copyOf(records.consumerPositions());
        // swept entries were consumed by every subscription, so their positions keep positions from being reused
        long consumed = recordedAtOpen.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long head = Math.max(records.lastPosition(), consumed);
        // bounded: under overload an append is refused at once rather than held in memory without end
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.completions = Executors.newSingleThreadExecutor(daemon("chat-log-completions"));
        this.writer = new GroupCommitWriter(records, queue, batchSize, head, completions,
                this::committed, meters);
        this.writerThread = daemon("chat-log-writer").newThread(writer);
        writerThread.start();
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
     * The durable head of the whole log (positions are global here): a position given to a batch
     * that was never written may be given again after a restart, so it is no head. Every feeder reads
     * only up to a head announced before its page, so no message is offered above this.
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
        if (feeders.containsKey(subscription.name())) {
            throw new IllegalStateException("message log subscription " + subscription.name() + " already has a consumer");
        }
        if (!accepting) {
            throw closed();
        }
        long position = startingPosition(subscription.name());
        LogFeeder feeder = new LogFeeder(records, pageSize, subscription, consumer, position, 0);
        feeders.put(subscription.name(), feeder);
        if (subscription.after().isEmpty()) {
            List<LogFeeder> more = new ArrayList<>(List.of(roots));
            more.add(feeder);
            roots = more.toArray(LogFeeder[]::new);
            // a batch committed before the feeder was published told nobody: tell it now
            feeder.raiseLimit(writer.committedHead());
        } else {
            LogFeeder leader = feeders.get(subscription.after().get());
            if (leader != null) {
                leader.lead(feeder);
            }
            // else it waits: its leader, when it subscribes, takes it on below
        }
        for (LogFeeder waiting : feeders.values()) {
            if (waiting.subscription().after().filter(subscription.name()::equals).isPresent()) {
                feeder.lead(waiting);
            }
        }
        Thread thread = daemon("chat-log-feeder-" + subscription.name()).newThread(feeder);
        feederThreads.put(subscription.name(), thread);
        thread.start();
        LOG.info("message log subscription {} starts after position {}{}", subscription.name(), position,
                subscription.after().map(leader -> ", after " + leader).orElse(""));
    }

    /**
     * Where a subscription starts: its recorded position; for one never recorded on a data folder of
     * the time before subscriptions, the old consumer's position (both {@code store} and
     * {@code delivery} inherit it: what it had handled was stored and delivered), else the start.
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
        try {
            records.recordConsumer(name, legacy);
        } catch (RuntimeException e) {
            LOG.warn("message log could not record the inherited position {} of subscription {}: {}", legacy, name,
                    e.getMessage());
        }
        LOG.info("message log subscription {} inherits the position {} of the old consumer {}", name, legacy,
                LEGACY_CONSUMER);
        return legacy;
    }

    private void committed(long position) {
        for (LogFeeder root : roots) {
            root.raiseLimit(position);
        }
    }

    @Override
    public long backlog(Subscription subscription) {
        LogFeeder feeder = feeders.get(subscription.name());
        long handled = feeder != null ? feeder.delivered()
                : recordedAtOpen.getOrDefault(subscription.name(), recordedAtOpen.getOrDefault(LEGACY_CONSUMER, 0L));
        return Math.max(0, writer.committedHead() - handled);
    }

    /** How many batches the writer committed: appends divided by this is the group commit's gain. */
    public long commits() {
        return writer.commits();
    }

    /**
     * Up to where every subscription has handled the log: the lowest position of those with a
     * consumer now and of those recorded but not subscribed since the log opened (they will be
     * back). The old consumer counts only on a folder no subscription has run on yet. 0 (nothing)
     * when there is no subscription at all.
     */
    long consumedByAll() {
        Map<String, Long> positions = new HashMap<>(recordedAtOpen);
        feeders.forEach((name, feeder) -> positions.put(name, feeder.delivered()));
        if (positions.size() > 1) {
            positions.remove(LEGACY_CONSUMER);
        }
        return positions.values().stream().mapToLong(Long::longValue).min().orElse(0);
    }

    /** Deletes entries every subscription has handled that were logged before {@code now} minus the retention. */
    public long deleteConsumedOlderThanRetention(Instant now) {
        long deleted = records.deleteConsumedBefore(consumedByAll(), now.minus(retention));
        if (deleted > 0) {
            LOG.info("deleted {} consumed message log entries older than {}", deleted, retention);
        }
        return deleted;
    }

    @Scheduled(fixedDelay = "${chat.retention.sweep-interval:1h}", initialDelay = "${chat.retention.sweep-interval:1h}")
    void sweep() {
        try {
            deleteConsumedOlderThanRetention(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("retention sweep of the message log failed, next try in one interval: {}", e.getMessage());
        }
    }

    /**
     * Stops taking appends, commits what is queued, lets the subscriptions have it (each leader
     * before its followers, so a follower is given what its leader handled last), and stops the threads.
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
        for (LogFeeder root : roots) {
            stopWithFollowers(root, stopped);
        }
        // followers whose leader never subscribed
        feeders.values().forEach(feeder -> stopWithFollowers(feeder, stopped));
        completions.shutdown();
        try {
            if (!completions.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("message log completions did not finish within {}", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Long> positions = new LinkedHashMap<>();
        feeders.forEach((name, feeder) -> positions.put(name, feeder.delivered()));
        LOG.info("message log closed at position {}, subscriptions at {}", writer.assignedHead(), positions);
    }

    private void stopWithFollowers(LogFeeder feeder, Set<String> stopped) {
        if (!stopped.add(feeder.subscription().name())) {
            return;
        }
        feeder.stop();
        join(feederThreads.get(feeder.subscription().name()));
        for (LogFeeder follower : feeder.followers()) {
            stopWithFollowers(follower, stopped);
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

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
