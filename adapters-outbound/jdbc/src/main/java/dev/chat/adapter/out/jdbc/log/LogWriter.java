package dev.chat.adapter.out.jdbc.log;

import dev.chat.adapter.out.jdbc.MessageColumns;
import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The log's single writer: group commit. It takes every append queued meanwhile (up to the batch
 * size), gives each new one the next position, inserts them in one JDBC batch and commits once, and
 * only then lets their futures complete. One commit per batch instead of per message is what makes
 * a durable append cheap. A failing batch fails its appends and the writer goes on with the next.
 */
final class LogWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogWriter.class);
    private static final long IDLE_POLL_MILLIS = 50;

    private final DataSource dataSource;
    private final BlockingQueue<PendingAppend> queue;
    private final int batchSize;
    private final RecentAppends recent;
    private final Executor acknowledgements;
    private final Consumer<List<Message>> onCommitted;
    private final AtomicLong commits = new AtomicLong();
    private volatile long head;
    private volatile long committedHead;
    private volatile boolean stopping;
    private final long lingerNanos;

    LogWriter(DataSource dataSource, BlockingQueue<PendingAppend> queue, int batchSize, RecentAppends recent,
              long head, Executor acknowledgements, Consumer<List<Message>> onCommitted) {
        this(dataSource, queue, batchSize, recent, head, acknowledgements, onCommitted, 0);
    }

    /**
     * {@code lingerNanos}: how long the writer waits for more appends after the first of a batch
     * (like Kafka's linger.ms): a commit costs a store of the database's dirty pages, so fewer,
     * larger commits carry more messages per second, for at most this much added latency.
     */
    LogWriter(DataSource dataSource, BlockingQueue<PendingAppend> queue, int batchSize, RecentAppends recent,
              long head, Executor acknowledgements, Consumer<List<Message>> onCommitted, long lingerNanos) {
        this.lingerNanos = lingerNanos;
        this.dataSource = dataSource;
        this.queue = queue;
        this.batchSize = batchSize;
        this.recent = recent;
        this.head = head;
        this.committedHead = head;
        this.acknowledgements = acknowledgements;
        this.onCommitted = onCommitted;
    }

    private void linger(List<PendingAppend> batch) {
        if (lingerNanos <= 0) {
            return;
        }
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < batchSize) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            try {
                PendingAppend next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    return;
                }
                batch.add(next);
                queue.drainTo(batch, batchSize - batch.size());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
                return;
            }
        }
    }

    /** The highest position given out; positions are never given twice, even when their batch failed. */
    long head() {
        return head;
    }

    /** The highest position of a committed entry: what a consumer can be behind on. */
    long committedHead() {
        return committedHead;
    }

    long commits() {
        return commits.get();
    }

    /** Finishes what is queued, then ends {@link #run}. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        List<PendingAppend> batch = new ArrayList<>(batchSize);
        while (true) {
            PendingAppend first;
            try {
                first = queue.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                first = queue.poll();
                stopping = true;
            }
            if (first == null) {
                if (stopping) {
                    return;
                }
                continue;
            }
            batch.add(first);
            queue.drainTo(batch, batchSize - 1);
            linger(batch);
            try {
                write(batch);
            } catch (Throwable unexpected) {
                LOG.error("message log writer failed on a batch of {}: {}", batch.size(),
                        SqlErrors.describe(unexpected));
                StorageFailure failure = StorageFailure.of("appending to the message log", unexpected);
                batch.stream().filter(p -> !p.isResolved()).forEach(p -> p.failed(failure));
                acknowledge(List.copyOf(batch));
                if (unexpected instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<PendingAppend> batch) {
        List<PendingAppend> leaders = new ArrayList<>(batch.size());
        Map<PendingAppend.Key, PendingAppend> byKey = new HashMap<>();
        for (PendingAppend pending : batch) {
            Message known = recent.get(pending.key);
            if (known != null) {
                pending.logged(known, true);
                continue;
            }
            PendingAppend leader = byKey.get(pending.key);
            if (leader != null) {
                leader.repeats.add(pending);
                continue;
            }
            try {
                pending.message = MessageColumns.asStored(pending.entry.at(new Position(head + 1)));
            } catch (RuntimeException invalid) {
                pending.failed(invalid);
                continue;
            }
            head = pending.message.position().value();
            byKey.put(pending.key, pending);
            leaders.add(pending);
        }
        if (!leaders.isEmpty()) {
            List<Message> fresh = commit(leaders);
            if (!fresh.isEmpty()) {
                committedHead = fresh.get(fresh.size() - 1).position().value();
                onCommitted.accept(fresh);
            }
        }
        acknowledge(List.copyOf(batch));
    }

    /** Inserts and commits the batch; returns the messages it added, in position order. */
    private List<Message> commit(List<PendingAppend> leaders) {
        Map<PendingAppend, Message> originals = new HashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                LogTable.insertAll(connection, leaders.stream().map(p -> p.message).toList());
                connection.commit();
            } catch (SQLException e) {
                rollback(connection);
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                // some client message id was logged before and is no longer in the recent cache
                insertEachUnlessLogged(connection, leaders, originals);
                connection.commit();
            }
            commits.incrementAndGet();
        } catch (SQLException e) {
            LOG.error("message log could not commit a batch of {}: {}", leaders.size(), SqlErrors.describe(e));
            StorageFailure failure = StorageFailure.of("appending to the message log", e);
            leaders.forEach(p -> p.failed(failure));
            return List.of();
        }
        List<Message> fresh = new ArrayList<>(leaders.size());
        for (PendingAppend leader : leaders) {
            Message original = originals.get(leader);
            if (original != null) {
                leader.logged(original, true);
                recent.put(leader.key, original);
            } else {
                leader.logged(leader.message, false);
                recent.put(leader.key, leader.message);
                fresh.add(leader.message);
            }
        }
        return fresh;
    }

    private static void insertEachUnlessLogged(Connection connection, List<PendingAppend> leaders,
                                               Map<PendingAppend, Message> originals) throws SQLException {
        for (PendingAppend leader : leaders) {
            Savepoint beforeInsert = connection.setSavepoint();
            try {
                LogTable.insert(connection, leader.message);
            } catch (SQLException e) {
                connection.rollback(beforeInsert);
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                Message original = LogTable.findByClientId(connection, leader.key.chat(), leader.key.sender(),
                        leader.key.clientMessageId()).orElseThrow(() -> e);
                originals.put(leader, original);
            }
        }
    }

    private void acknowledge(List<PendingAppend> batch) {
        // off the writer thread: whatever callers chained on their futures must not delay the next batch
        try {
            acknowledgements.execute(() -> batch.forEach(PendingAppend::complete));
        } catch (RejectedExecutionException closing) {
            batch.forEach(PendingAppend::complete);
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.warn("message log rollback failed: {}", SqlErrors.describe(e));
        }
    }
}
