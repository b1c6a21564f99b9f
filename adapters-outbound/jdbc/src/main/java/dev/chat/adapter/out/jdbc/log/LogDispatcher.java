package dev.chat.adapter.out.jdbc.log;

import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Feeds the log's one consumer, in position order, on its own thread. It first replays from the
 * table what the consumer had not returned from (after a restart, at least once), then takes the
 * batches the writer hands over as they commit. If the consumer falls so far behind that the
 * hand-over queue fills, the writer stops handing over and the dispatcher catches up from the table
 * again: memory stays bounded and nothing is skipped. After each batch the consumer returns from,
 * its position is recorded in {@code log_consumer}. A consumer that throws gets the same batch again
 * after a back-off, for as long as it takes.
 */
final class LogDispatcher implements Runnable {
    static final String CONSUMER_NAME = "message-pipeline";
    private static final Logger LOG = LoggerFactory.getLogger(LogDispatcher.class);
    private static final long IDLE_POLL_MILLIS = 50;
    private static final long FIRST_BACK_OFF_MILLIS = 50;
    private static final long MAX_BACK_OFF_MILLIS = 5_000;

    private final DataSource dataSource;
    private final int pageSize;
    private final BlockingQueue<List<Message>> handedOver;
    private volatile MessageLog.Consumer consumer;
    private volatile boolean overflowed;
    private volatile boolean stopping;
    private volatile long delivered;

    LogDispatcher(DataSource dataSource, int pageSize, int capacity, long delivered) {
        this.dataSource = dataSource;
        this.pageSize = pageSize;
        this.handedOver = new ArrayBlockingQueue<>(capacity);
        this.delivered = delivered;
    }

    /** The highest position the consumer returned from. */
    long delivered() {
        return delivered;
    }

    /**
     * Sets the consumer; {@link #run} starts after this. From now on the writer hands batches over,
     * and the replay that {@code run} begins with reads the table later still: every commit is either
     * handed over or replayed (or both, and then delivered once, since delivery skips old positions).
     */
    void consumeWith(MessageLog.Consumer consumer) {
        this.consumer = consumer;
    }

    boolean hasConsumer() {
        return consumer != null;
    }

    /** The writer's hand-over of a committed batch. Never blocks the writer. */
    void committed(List<Message> batch) {
        if (consumer == null || overflowed) {
            return;
        }
        if (!handedOver.offer(batch)) {
            overflowed = true;
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
            } else if (overflowed) {
                // everything handed over before the overflow is delivered: read the rest from the table
                overflowed = false;
                if (!replay()) {
                    return;
                }
            }
        }
    }

    /** Delivers every logged entry after the consumer's position; false when stopped before the end. */
    private boolean replay() {
        long backOff = FIRST_BACK_OFF_MILLIS;
        while (!stopping) {
            List<Message> page;
            try (Connection connection = dataSource.getConnection()) {
                page = LogTable.readAfter(connection, delivered, pageSize);
            } catch (SQLException e) {
                LOG.warn("message log could not read entries after position {}, retrying in {} ms: {}",
                        delivered, backOff, SqlErrors.describe(e));
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
        List<Message> fresh = batch.stream().filter(m -> m.position().value() > after).toList();
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
                LOG.warn("message log consumer failed on {} messages at positions {}..{} (attempt {}), "
                                + "retrying in {} ms: {}", fresh.size(), first, last, attempt, backOff,
                        SqlErrors.describe(failure));
                if (stopping || !pause(backOff)) {
                    return false;
                }
                backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
            }
        }
        delivered = last;
        record(last);
        return true;
    }

    private void record(long position) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            LogTable.moveConsumer(connection, CONSUMER_NAME, position);
        } catch (SQLException e) {
            // the next batch records a later position; until then a restart replays a little more
            LOG.warn("message log could not record consumer position {}: {}", position, SqlErrors.describe(e));
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
