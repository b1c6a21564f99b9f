package dev.chat.adapter.out.rocksdb.log;

import dev.chat.adapter.out.rocksdb.RocksLogRecords;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.message.Position;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The embedded default's {@link MessageLog}: the seed's Kafka topic made in-process, on RocksDB.
 * Appends queue to one writer thread that group-commits them ({@link GroupCommitWriter}) with one
 * synced write per batch; an append completes only after that sync, so an acknowledged message
 * survives {@code kill -9} and a power loss. A feeder thread gives the consumer what is written
 * ({@link LogFeeder}).
 *
 * <p>Idempotency: an append with the chat, sender and client message id of a logged entry returns
 * that entry, for as long as the log keeps it ({@code chat.log.retention}, 7 days by default):
 * consumed entries older than that are deleted by a periodic sweep.
 */
@Singleton
@Requires(property = "chat.log.backend", value = "rocksdb")
public final class RocksMessageLog implements MessageLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RocksMessageLog.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final RocksLogRecords records;
    private final Duration retention;
    private final int pageSize;
    private final long consumedAtOpen;
    private final BlockingQueue<PendingAppend> queue;
    private final ExecutorService completions;
    private final GroupCommitWriter writer;
    private final Thread writerThread;
    private volatile LogFeeder feeder;
    private Thread feederThread;
    private volatile boolean accepting = true;

    public RocksMessageLog(RocksLogRecords records,
                           @Value("${chat.log.batch-size:1000}") int batchSize,
                           @Value("${chat.log.retention:7d}") Duration retention,
                           @Value("${chat.log.queue-capacity:10000}") int queueCapacity) {
        if (batchSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("chat.log.batch-size and chat.log.queue-capacity must be positive");
        }
        this.records = records;
        this.retention = retention;
        this.pageSize = batchSize;
        this.consumedAtOpen = records.consumerPosition(LogFeeder.CONSUMER_NAME);
        // swept entries were all consumed, so the consumer's position keeps positions from being reused
        long head = Math.max(records.lastPosition(), consumedAtOpen);
        // bounded: under overload an append is refused at once rather than held in memory without end
        this.queue = new LinkedBlockingQueue<>(queueCapacity);
        this.completions = Executors.newSingleThreadExecutor(daemon("chat-log-completions"));
        this.writer = new GroupCommitWriter(records, queue, batchSize, head, completions,
                this::committed);
        this.writerThread = daemon("chat-log-writer").newThread(writer);
        writerThread.start();
        LOG.info("message log open at position {}, consumer at {}", head, consumedAtOpen);
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
        // durable positions only: one given to a batch that was never written may be given again after a restart
        return new Position(writer.committedHead());
    }

    @Override
    public synchronized void start(Consumer consumer) {
        if (feeder != null) {
            throw new IllegalStateException("the message log already has a consumer");
        }
        if (!accepting) {
            throw new IllegalStateException("the message log is closed");
        }
        feeder = new LogFeeder(records, pageSize, consumer, consumedAtOpen, writer.committedHead());
        // a batch committed between reading the head and publishing the feeder told nobody: tell it now
        feeder.committed(writer.committedHead());
        feederThread = daemon("chat-log-feeder").newThread(feeder);
        feederThread.start();
    }

    private void committed(long position) {
        LogFeeder current = feeder;
        if (current != null) {
            current.committed(position);
        }
    }

    @Override
    public long backlog() {
        LogFeeder current = feeder;
        long delivered = current == null ? consumedAtOpen : current.delivered();
        return Math.max(0, writer.committedHead() - delivered);
    }

    /** How many batches the writer committed: appends divided by this is the group commit's gain. */
    public long commits() {
        return writer.commits();
    }

    /** Deletes consumed entries logged before {@code now} minus the retention; returns how many. */
    public long deleteConsumedOlderThanRetention(Instant now) {
        LogFeeder current = feeder;
        long consumed = current == null ? consumedAtOpen : current.delivered();
        long deleted = records.deleteConsumedBefore(consumed, now.minus(retention));
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
        if (feeder != null) {
            feeder.stop();
            join(feederThread);
        }
        completions.shutdown();
        try {
            if (!completions.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("message log completions did not finish within {}", STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("message log closed at position {}, consumer at {}", writer.assignedHead(),
                feeder == null ? consumedAtOpen : feeder.delivered());
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
