package dev.chat.adapter.out.jdbc.log;

import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Feeds one subscription's consumer, in position order, on its own thread. It first replays from
 * the table what the subscription had not returned from (after a restart, at least once), then takes
 * the batches handed over as they become available: by the writer as they commit, for a
 * subscription that follows no other; by its leader as the leader's consumer returns from them, for
 * a follower. If the consumer falls so far behind that the hand-over queue fills, hand-overs stop
 * and the dispatcher catches up from the table again: memory stays bounded and nothing is skipped.
 *
 * <p>A replay reads no further than the subscription's <em>limit</em>, taken before each page: the
 * writer's committed head for a subscription that follows no other (a row committed but not yet
 * announced is beyond {@code head(chat)}, and nobody may be offered it before then), what the
 * leader's consumer has returned from for a follower, and nothing while a follower's leader has no
 * consumer. After each batch the consumer returns from, the subscription's position is recorded
 * in {@code log_consumer} under its name. A consumer that throws gets the same batch again after a
 * back-off, for as long as it takes.
 */
final class LogDispatcher implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogDispatcher.class);
    private static final long IDLE_POLL_MILLIS = 50;
    private static final long FIRST_BACK_OFF_MILLIS = 50;
    private static final long MAX_BACK_OFF_MILLIS = 5_000;

    private final DataSource dataSource;
    private final int pageSize;
    private final MessageLog.Subscription subscription;
    private final MessageLog.Consumer consumer;
    /** The writer's committed head, for a subscription that follows no other; null for a follower. */
    private final LongSupplier committedHead;
    private final BlockingQueue<List<Message>> handedOver;
    private final List<LogDispatcher> followers = new CopyOnWriteArrayList<>();
    private volatile LogDispatcher leader;
    private volatile boolean behind;
    private volatile boolean stopping;
    private volatile long delivered;

    LogDispatcher(DataSource dataSource, int pageSize, int capacity, MessageLog.Subscription subscription,
                  MessageLog.Consumer consumer, LongSupplier committedHead, long delivered) {
        this.dataSource = dataSource;
        this.pageSize = pageSize;
        this.handedOver = new ArrayBlockingQueue<>(capacity);
        this.subscription = subscription;
        this.consumer = consumer;
        this.committedHead = committedHead;
        this.delivered = delivered;
    }

    MessageLog.Subscription subscription() {
        return subscription;
    }

    /** The highest position the consumer returned from. */
    long delivered() {
        return delivered;
    }

    List<LogDispatcher> followers() {
        return followers;
    }

    /**
     * Makes {@code follower} follow this dispatcher: from now on it is handed every batch this one's
     * consumer returns from, and it catches up from the table with what this one had handled before.
     */
    void lead(LogDispatcher follower) {
        // behind first: no batch is handed over (and delivered) before the older ones are read from the table
        follower.behind = true;
        follower.leader = this;
        followers.add(follower);
    }

    /** A hand-over of messages the subscription may be given now. Never blocks the caller. */
    void handOver(List<Message> batch) {
        if (behind) {
            return;
        }
        if (!handedOver.offer(batch)) {
            behind = true;
        }
    }

    /** Delivers what was handed over, then ends {@link #run}; a failing consumer is not waited for. */
    void stop() {
        stopping = true;
    }

    @Override
    public void run() {
        if (!replay()) {
            return;
        }
        while (!stopping || !handedOver.isEmpty()) {
            List<Message> batch;
            try {
                batch = handedOver.poll(IDLE_POLL_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (batch != null) {
                if (!deliver(batch)) {
                    return;
                }
            } else if (behind) {
                // everything handed over before is delivered: read the rest from the table
                behind = false;
                if (!replay()) {
                    return;
                }
            }
        }
    }

    /** How far the subscription may be fed now; below its position while it may have nothing. */
    private long limit() {
        if (committedHead != null) {
            return committedHead.getAsLong();
        }
        LogDispatcher current = leader;
        return current == null ? Long.MIN_VALUE : current.delivered();
    }

    /** Delivers every logged entry after the subscription's position up to its limit; false when stopped first. */
    private boolean replay() {
        long backOff = FIRST_BACK_OFF_MILLIS;
        while (!stopping) {
            // read before the page: every row up to it was committed before it was announced
            long upTo = limit();
            if (upTo <= delivered) {
                return true;
            }
            List<Message> page;
            try (Connection connection = dataSource.getConnection()) {
                page = LogTable.readAfter(connection, delivered, upTo, pageSize);
            } catch (SQLException e) {
                LOG.warn("message log subscription {} could not read entries after position {}, retrying in {} ms: {}",
                        subscription.name(), delivered, backOff, SqlErrors.describe(e));
                if (!pause(backOff)) {
                    return false;
                }
                backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
                continue;
            }
            if (page.isEmpty()) {
                return true;
            }
            if (!deliver(page)) {
                return false;
            }
        }
        return false;
    }

    /** Gives the batch's undelivered messages to the consumer until it returns; false when stopped first. */
    private boolean deliver(List<Message> batch) {
        long after = delivered;
        // read-only: the same list goes to this consumer and, after it, to the followers' consumers
        List<Message> fresh = batch.get(0).position().value() > after ? Collections.unmodifiableList(batch)
                : batch.stream().filter(m -> m.position().value() > after).toList();
        if (fresh.isEmpty()) {
            return true;
        }
        long first = fresh.get(0).position().value();
        long last = fresh.get(fresh.size() - 1).position().value();
        long backOff = FIRST_BACK_OFF_MILLIS;
        for (int attempt = 1; ; attempt++) {
            try {
                consumer.accept(fresh);
                break;
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable failure) {
                // positions and the failure only: a message body never goes to the log
                LOG.warn("message log subscription {}: consumer failed on {} messages at positions {}..{} (attempt {}), "
                                + "retrying in {} ms: {}", subscription.name(), fresh.size(), first, last, attempt,
                        backOff, SqlErrors.describe(failure));
                if (stopping || !pause(backOff)) {
                    return false;
                }
                backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
            }
        }
        delivered = last;
        // after the position: a follower that reads it (catching up) or is handed this batch, or both, misses nothing
        for (LogDispatcher follower : followers) {
            follower.handOver(fresh);
        }
        record(last);
        return true;
    }

    private void record(long position) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            LogTable.moveConsumer(connection, subscription.name(), position);
        } catch (SQLException e) {
            // the next batch records a later position; until then a restart replays a little more
            LOG.warn("message log could not record the position {} of subscription {}: {}", position,
                    subscription.name(), SqlErrors.describe(e));
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
