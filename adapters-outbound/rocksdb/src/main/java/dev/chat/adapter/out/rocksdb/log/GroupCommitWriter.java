package dev.chat.adapter.out.rocksdb.log;

import dev.chat.adapter.out.rocksdb.RocksLogRecords;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * The log's single writer. It takes every append queued meanwhile (up to the batch size), settles
 * repeats of a client message id against the stored keys (no cache of its own: a cache of recent
 * messages is a large young set that every garbage collection would copy), gives each new
 * message the next position, writes the batch in one synced RocksDB write, and only then completes
 * the appends' futures. One disk sync per batch rather than per message is the group commit.
 */
final class GroupCommitWriter implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final long IDLE_POLL_MILLIS = 50;

    private final RocksLogRecords records;
    private final BlockingQueue<PendingAppend> queue;
    private final int batchSize;
    private final Executor completions;
    private final LongConsumer onCommitted;
    private final GroupCommitMeters meters;
    private final AtomicLong commits = new AtomicLong();
    private volatile long head;
    private volatile long committedHead;
    private volatile boolean stopping;

    GroupCommitWriter(RocksLogRecords records, BlockingQueue<PendingAppend> queue, int batchSize, long head,
                      Executor completions, LongConsumer onCommitted, GroupCommitMeters meters) {
        this.records = records;
        this.queue = queue;
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
                complete(List.copyOf(batch));
                batch.clear();
            }
        }
    }

    private void write(List<PendingAppend> batch) {
        // the batch's first append of each key leads it; the others repeat it
        Map<PendingAppend.Key, PendingAppend> firsts = new LinkedHashMap<>();
        List<PendingAppend> repeats = new ArrayList<>(0);
        for (PendingAppend pending : batch) {
            if (firsts.putIfAbsent(pending.key, pending) != null) {
                repeats.add(pending);
            }
        }
        // one batched read for every key: a miss costs a filter probe per file, a recent hit comes from the memtable
        long lookupsStarted = System.nanoTime();
        List<Message> stored = records.findByClientIds(List.copyOf(firsts.keySet()));
        meters.lookedUp(System.nanoTime() - lookupsStarted);
        // new messages by key, in position order
        Map<PendingAppend.Key, Message> leaders = new LinkedHashMap<>();
        Map<PendingAppend.Key, Message> known = new HashMap<>(0);
        List<PendingAppend> leading = new ArrayList<>(firsts.size());
        long next = head;
        int i = 0;
        for (PendingAppend pending : firsts.values()) {
            Message logged = stored.get(i++);
            if (logged != null) {
                pending.decide(logged, true);
                known.put(pending.key, logged);
                continue;
            }
            try {
                Message message = pending.entry.at(new Position(next + 1));
                next++;
                // decided only once the batch is durable: a failure before that fails it
                pending.assigned = message;
                leaders.put(pending.key, message);
                leading.add(pending);
            } catch (RuntimeException invalid) {
                pending.fail(invalid);
            }
        }
        head = next;
        // a repeat of a message logged before is settled already; the others follow their batch's write
        repeats.removeIf(repeat -> {
            Message logged = known.get(repeat.key);
            if (logged != null) {
                repeat.decide(logged, true);
            }
            return logged != null;
        });
        if (!leaders.isEmpty()) {
            List<Message> fresh = List.copyOf(leaders.values());
            long commitStarted = System.nanoTime();
            try {
                records.appendDurably(fresh);
            } catch (RuntimeException failed) {
                LOG.error("message log could not write a batch of {}: {}", fresh.size(), failed.getMessage());
                leading.forEach(p -> p.fail(failed));
                repeats.forEach(p -> p.fail(failed));
                return;
            }
            meters.committed(System.nanoTime() - commitStarted, fresh.size());
            commits.incrementAndGet();
            leading.forEach(p -> p.decide(p.assigned, false));
            committedHead = fresh.get(fresh.size() - 1).position().value();
            onCommitted.accept(committedHead);
        }
        for (PendingAppend repeat : repeats) {
            Message leader = leaders.get(repeat.key);
            if (leader != null) {
                repeat.decide(leader, true);
            } else {
                repeat.fail(new IllegalStateException("the first append of this message in its batch failed"));
            }
        }
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
