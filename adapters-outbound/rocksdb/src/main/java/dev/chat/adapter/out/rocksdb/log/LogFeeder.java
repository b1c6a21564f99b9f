package dev.chat.adapter.out.rocksdb.log;

import dev.chat.adapter.out.rocksdb.RocksLogRecords;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds one subscription's consumer on its own thread, in position order: it reads the entries
 * after the subscription's position straight from the log (the memtable, for what was just written),
 * hands them over, and records the new position under the subscription's name once the consumer
 * returns. After a restart it thereby replays whatever the consumer had not returned from (at least
 * once). A consumer that throws gets the same batch again after a back-off, for as long as it takes.
 *
 * <p>It reads no further than its <em>limit</em>, taken before each page: for a subscription that
 * follows no other, the head the writer announced after its write returned (an entry the writer
 * has written but not yet announced is beyond {@code head(chat)}, and nobody may be offered it
 * before then); for a follower, what its leader's consumer has returned from. Whoever moves the
 * limit signals the feeder ({@link #raiseLimit}): the writer after each commit, a leader after each
 * batch, so neither waits for a poll.
 *
 * <p>A leader also gives each page it finished to its followers. A follower that is idle and caught
 * up is fed that page at once, on the leader's thread ({@link #feedInline}): storing and fan-out
 * then run one after the other on one thread, as a single consumer would, with no hand-off to wake
 * another thread and no second read of the same entries. A follower that is busy gets the page
 * queued ({@link #handOver}) for its own thread; one that fell behind (its few waiting pages are
 * full) reads from the log. Either way it is fed in order, one page at a time: its thread and a
 * leader's take turns under {@code feeding}.
 */
final class LogFeeder implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogFeeder.class);
    private static final long IDLE_WAIT_MILLIS = 50;
    private static final long FIRST_BACK_OFF_MILLIS = 50;
    private static final long MAX_BACK_OFF_MILLIS = 5_000;

    private final RocksLogRecords records;
    private final int pageSize;
    private final MessageLog.Subscription subscription;
    private final MessageLog.Consumer consumer;
    private static final int MAX_HANDED_PAGES = 16;
    /**
     * A busy feeder records its position at most this often, and always when it goes idle or stops:
     * each record is a write that queues behind the writer's synced commits, and one per page per
     * subscription measurably delayed delivery; a crash replays at most this much more.
     */
    private static final long RECORD_INTERVAL_NANOS = 50_000_000L;

    /** A page a leader finished: the entries after {@code after}, in order, up to its last one. */
    private record HandedPage(long after, List<Message> page) {
        long last() {
            return page.get(page.size() - 1).position().value();
        }
    }

    private final List<LogFeeder> followers = new CopyOnWriteArrayList<>();
    private final BlockingQueue<HandedPage> handed = new ArrayBlockingQueue<>(MAX_HANDED_PAGES);
    private final ReentrantLock feeding = new ReentrantLock();
    private final Object recording = new Object();
    private volatile long recorded;
    private long recordedAt;
    private final Object signal = new Object();
    private volatile long limit;
    private volatile long delivered;
    private volatile boolean stopping;

    /**
     * {@code delivered}: the subscription's recorded position; {@code limit}: how far it may be fed
     * now (a follower whose leader has no consumer yet may not be fed, so its limit starts at 0).
     */
    LogFeeder(RocksLogRecords records, int pageSize, MessageLog.Subscription subscription,
              MessageLog.Consumer consumer, long delivered, long limit) {
        this.records = records;
        this.pageSize = pageSize;
        this.subscription = subscription;
        this.consumer = consumer;
        this.delivered = delivered;
        this.recorded = delivered;
        this.limit = limit;
    }

    MessageLog.Subscription subscription() {
        return subscription;
    }

    /** The highest position the consumer returned from (or that no entry will ever have). */
    long delivered() {
        return delivered;
    }

    List<LogFeeder> followers() {
        return followers;
    }

    /**
     * Makes {@code follower} follow this feeder: it may be fed up to what this one's consumer has
     * returned from, from now on and whenever that moves.
     */
    void lead(LogFeeder follower) {
        followers.add(follower);
        // after the add: a batch this feeder finished meanwhile is either seen here or signalled
        follower.raiseLimit(delivered);
    }

    /** Entries up to {@code position} may be fed now; wakes the feeder if that is news. Never moves back. */
    void raiseLimit(long position) {
        synchronized (signal) {
            if (position > limit) {
                limit = position;
                signal.notifyAll();
            }
        }
    }

    /** Delivers up to its limit, then ends {@link #run}; a failing consumer is not waited for. */
    void stop() {
        synchronized (signal) {
            stopping = true;
            signal.notifyAll();
        }
    }

    @Override
    public void run() {
        while (true) {
            if (delivered >= limit) {
                // going idle: what it handled is recorded now, not only at the next busy interval
                record(delivered, true);
            }
            if (!awaitEntries()) {
                record(delivered, true);
                return;
            }
            feeding.lock();
            try {
                if (!feedOnce()) {
                    return;
                }
            } finally {
                feeding.unlock();
            }
        }
    }

    /** Feeds one page (or skips a gap of failed batches); false when the feeder must end. */
    private boolean feedOnce() {
        long backOff = FIRST_BACK_OFF_MILLIS;
        while (true) {
            // everything up to the limit was written before it was announced, so before the read below
            long upTo = limit;
            long after = delivered;
            if (after >= upTo) {
                return true; // a leader fed this page inline meanwhile
            }
            List<Message> page = takeHanded(after, upTo);
            try {
                if (page == null) {
                    page = records.readAfter(after, upTo, pageSize);
                }
            } catch (RuntimeException e) {
                LOG.warn("message log subscription {} could not read after position {}, retrying in {} ms: {}",
                        subscription.name(), delivered, backOff, e.getMessage());
                if (!pause(backOff)) {
                    return false;
                }
                backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
                continue;
            }
            if (page.isEmpty()) {
                // the positions left up to the limit belong to failed batches: they are never written
                advance(upTo);
                return true;
            }
            return deliver(after, page);
        }
    }

    /**
     * Feeds a leader's finished page on the leader's thread, if this feeder is idle and the page is
     * exactly what it needs next; one attempt only, so a failing consumer never holds the leader up
     * (its own thread retries). Returns whether the page was handled here.
     */
    boolean feedInline(long after, List<Message> page) {
        if (!feeding.tryLock()) {
            return false;
        }
        try {
            if (stopping || delivered != after) {
                return false;
            }
            long last = page.get(page.size() - 1).position().value();
            synchronized (signal) {
                // no wake-up: the page is handled here, so this feeder's thread has nothing to do
                limit = Math.max(limit, last);
            }
            try {
                consumer.accept(page);
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable failure) {
                // its own thread retries the page (handed over by the caller), with a back-off
                synchronized (signal) {
                    signal.notifyAll();
                }
                return false;
            }
            finished(after, page, last);
            return true;
        } finally {
            feeding.unlock();
        }
    }

    /**
     * A leader's finished page: the entries after {@code after}. Never blocks; when the follower's
     * waiting pages are full, it is dropped and the follower reads the entries from the log instead.
     */
    void handOver(long after, List<Message> page) {
        handed.offer(new HandedPage(after, page));
    }

    /** The handed page that is exactly what a read after {@code after} up to {@code upTo} would give, or null. */
    private List<Message> takeHanded(long after, long upTo) {
        HandedPage next;
        while ((next = handed.peek()) != null && next.after() < after) {
            handed.poll(); // read from the log already, after a gap
        }
        if (next != null && next.after() == after && next.last() <= upTo) {
            handed.poll();
            return next.page();
        }
        return null;
    }

    /** Waits until the limit is past the subscription's position; false when stopping with nothing left. */
    private boolean awaitEntries() {
        synchronized (signal) {
            while (delivered >= limit) {
                if (stopping) {
                    return false;
                }
                try {
                    signal.wait(IDLE_WAIT_MILLIS);
                    if (delivered > recorded) {
                        return true; // fed inline while idle: the run loop records it
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private boolean deliver(long after, List<Message> page) {
        long first = page.get(0).position().value();
        long last = page.get(page.size() - 1).position().value();
        long backOff = FIRST_BACK_OFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.accept(page);
                break;
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable failure) {
                // positions and the failure only: a message body never goes to the log
                LOG.warn("message log subscription {}: consumer failed on {} messages at positions {}..{} (attempt {}), "
                                + "retrying in {} ms: {}", subscription.name(), page.size(), first, last, attempt,
                        backOff, failure.toString());
                if (stopping || !pause(backOff)) {
                    return false;
                }
                backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
            }
        }
        finished(after, page, last);
        return true;
    }

    /**
     * The consumer returned from the page: let the followers have it, then record the position. The
     * followers come first because a position write can queue behind the log writer's synced commit,
     * and the page's deliveries must not wait for it: the record only says where a restart resumes
     * (a replay of what was handled is harmless), not what a follower may be offered.
     */
    private void finished(long after, List<Message> page, long last) {
        for (LogFeeder follower : followers) {
            if (!follower.feedInline(after, page)) {
                follower.handOver(after, page);
            }
        }
        record(last, false);
        advance(last);
    }

    /**
     * Records the position under the subscription's name: at once when {@code now}, otherwise only
     * if the last record is older than the interval. Positions recorded never move back.
     */
    private void record(long position, boolean now) {
        synchronized (recording) {
            long at = System.nanoTime();
            if (position <= recorded || (!now && at - recordedAt < RECORD_INTERVAL_NANOS)) {
                return;
            }
            try {
                records.recordConsumer(subscription.name(), position);
                recorded = position;
                recordedAt = at;
            } catch (RuntimeException e) {
                // a later batch records a later position; until then a restart replays a little more
                LOG.warn("message log could not record the position {} of subscription {}: {}", position,
                        subscription.name(), e.getMessage());
            }
        }
    }

    /** Moves the position on and tells the followers, which may now be fed up to it. */
    private void advance(long position) {
        if (position <= delivered) {
            return;
        }
        delivered = position;
        for (LogFeeder follower : followers) {
            follower.raiseLimit(position);
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
