package dev.chat.adapter.out.rocksdb.log;

import dev.chat.adapter.out.rocksdb.RocksLogRecords;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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
    private final List<LogFeeder> followers = new CopyOnWriteArrayList<>();
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

    /** Entries up to {@code position} may be fed now. Never blocks for long; never moves back. */
    void raiseLimit(long position) {
        synchronized (signal) {
            if (position > limit) {
                limit = position;
            }
            signal.notifyAll();
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
        long backOff = FIRST_BACK_OFF_MILLIS;
        while (true) {
            if (!awaitEntries()) {
                return;
            }
            // everything up to the limit was written before it was announced, so before the read below
            long upTo = limit;
            List<Message> page;
            try {
                page = records.readAfter(delivered, upTo, pageSize);
            } catch (RuntimeException e) {
                LOG.warn("message log subscription {} could not read after position {}, retrying in {} ms: {}",
                        subscription.name(), delivered, backOff, e.getMessage());
                if (!pause(backOff)) {
                    return;
                }
                backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
                continue;
            }
            backOff = FIRST_BACK_OFF_MILLIS;
            if (page.isEmpty()) {
                // the positions left up to the limit belong to failed batches: they are never written
                advance(upTo);
                continue;
            }
            if (!deliver(page)) {
                return;
            }
        }
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
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    private boolean deliver(List<Message> page) {
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
        advance(last);
        try {
            records.recordConsumer(subscription.name(), last);
        } catch (RuntimeException e) {
            // the next batch records a later position; until then a restart replays a little more
            LOG.warn("message log could not record the position {} of subscription {}: {}", last,
                    subscription.name(), e.getMessage());
        }
        return true;
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
