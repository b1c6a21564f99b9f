package dev.chat.adapter.out.rocksdb.log;

import dev.chat.adapter.out.rocksdb.RocksLogRecords;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The log's single writer. It takes every append queued meanwhile (up to the batch size), gives
 * each the next position, writes the batch in one synced RocksDB write, releases the appends' keys
 * and only then completes their futures. One disk sync per batch rather than per message is the
 * group commit. It looks nothing up: each append settled repeats of its client message id on its
 * caller's thread before it was queued ({@link AppendsInFlight}), so this one thread, which every
 * acknowledgement waits for, does only what cannot be done in parallel.
 */
final class GroupCommitWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long IDLE_POLL_MILLIS = 50;

    private final RocksLogRecords records;
    private final BlockingQueue<PendingAppend> queue;
    private final AppendsInFlight inFlight;
    private final int batchSize;
    private final Executor completions;
    private final LongConsumer onCommitted;
    private final GroupCommitMeters meters;
    private final AtomicLong commits = new AtomicLong();
    private volatile long head;
    private volatile long committedHead;
    private volatile boolean stopping;

    GroupCommitWriter(RocksLogRecords records, BlockingQueue<PendingAppend> queue, AppendsInFlight inFlight,
                      int batchSize, long head, Executor completions, LongConsumer onCommitted, GroupCommitMeters meters) {
        this.records = records;
        this.queue = queue;
        this.inFlight = inFlight;
        this.batchSize = batchSize;
        this.head = head;
        this.committedHead = head;
        this.completions = completions;
        this.onCommitted = onCommitted;
        this.meters = meters;
    }

    /** The highest position given out; a position is never given twice, even when its batch failed. */
    long assignedHead() {
        return head;
    }

    /** The highest position written. */
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
            try {
                write(batch);
            } catch (Throwable unexpected) {
                // nothing of the batch counts as written unless its write returned
                LOG.error("message log writer failed on a batch of {}: {}", batch.size(), unexpected.toString());
                batch.stream().filter(p -> !p.decided()).forEach(p -> p.fail(unexpected));
                if (unexpected instanceof VirtualMachineError fatal) {
                    throw fatal; // after the finally below has completed the batch
                }
            } finally {
                // written (or failed): the next append of these keys finds them in the log (or is tried afresh)
                batch.forEach(inFlight::release);
                complete(List.copyOf(batch));
                batch.clear();
            }
        }
    }

    private void write(List<PendingAppend> batch) {
        List<Message> fresh = new ArrayList<>(batch.size());
        List<PendingAppend> leading = new ArrayList<>(batch.size());
        long next = head;
        for (PendingAppend pending : batch) {
            try {
                Message message = pending.entry.at(new Position(next + 1));
                next++;
                // decided only once the batch is durable: a failure before that fails it
                pending.assigned = message;
                fresh.add(message);
                leading.add(pending);
            } catch (RuntimeException invalid) {
                pending.fail(invalid);
            }
        }
        head = next;
        if (fresh.isEmpty()) {
            return;
        }
        long commitStarted = System.nanoTime();
        try {
            records.appendDurably(fresh);
        } catch (RuntimeException failed) {
            LOG.error("message log could not write a batch of {}: {}", fresh.size(), failed.getMessage());
            leading.forEach(p -> p.fail(failed));
            return;
        }
        meters.committed(System.nanoTime() - commitStarted, fresh.size());
        commits.incrementAndGet();
        leading.forEach(p -> p.decide(p.assigned, false));
        committedHead = fresh.get(fresh.size() - 1).position().value();
        onCommitted.accept(committedHead);
    }

    private void complete(List<PendingAppend> batch) {
        // off the writer thread: whatever callers chained on their futures must not delay the next batch
        try {
            completions.execute(() -> batch.forEach(PendingAppend::complete));
        } catch (RejectedExecutionException closing) {
            batch.forEach(PendingAppend::complete);
        }
    }
}
