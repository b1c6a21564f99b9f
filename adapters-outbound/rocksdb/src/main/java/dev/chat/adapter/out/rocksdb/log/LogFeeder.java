package dev.chat.adapter.out.rocksdb.log;

import dev.chat.adapter.out.rocksdb.RocksLogRecords;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Feeds the log's one consumer on its own thread, in position order: it reads the entries after the
 * consumer's position straight from the log (the memtable, for what was just written), hands them
 * over, and records the new position once the consumer returns. After a restart it thereby replays
 * whatever the consumer had not returned from (at least once). A consumer that throws gets the same
 * batch again after a back-off, for as long as it takes.
 */
final class LogFeeder implements Runnable {
    static final String CONSUMER_NAME = "message-pipeline";
    private static final Logger LOG = LoggerFactory.getLogger(LogFeeder.class);
    private static final long IDLE_WAIT_MILLIS = 50;
    private static final long FIRST_BACK_OFF_MILLIS = 50;
    private static final long MAX_BACK_OFF_MILLIS = 5_000;

    private final RocksLogRecords records;
    private final int pageSize;
    private final MessageLog.Consumer consumer;
    private final Object signal = new Object();
    private volatile long committed;
    private volatile long delivered;
    private volatile boolean stopping;

    LogFeeder(RocksLogRecords records, int pageSize, MessageLog.Consumer consumer, long delivered, long committed) {
        this.records = records;
        this.pageSize = pageSize;
        this.consumer = consumer;
        this.delivered = delivered;
        this.committed = committed;
    }

    long delivered() {
        return delivered;
    }

    /** The writer's news: entries up to {@code position} are written. Never blocks for long; never moves back. */
    void committed(long position) {
        synchronized (signal) {
            if (position > committed) {
                committed = position;
            }
            signal.notifyAll();
        }
    }

    /** Delivers what is written, then ends {@link #run}; a failing consumer is not waited for. */
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
            // everything up to this head was written before it was announced, so before the read below
            long written = committed;
            List<Message> page;
            try {
                page = records.readAfter(delivered, pageSize);
            } catch (RuntimeException e) {
                LOG.warn("message log could not read after position {}, retrying in {} ms: {}", delivered, backOff,
                        e.getMessage());
                if (!pause(backOff)) {
                    return;
                }
                backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
                continue;
            }
            backOff = FIRST_BACK_OFF_MILLIS;
            if (page.isEmpty()) {
                // the positions left up to that head belong to failed batches: they are never written
                delivered = Math.max(delivered, written);
                continue;
            }
            if (!deliver(page)) {
                return;
            }
        }
    }

    /** Waits until there is something after the consumer's position; false when stopping with nothing left. */
    private boolean awaitEntries() {
        synchronized (signal) {
            while (delivered >= committed) {
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
                LOG.warn("message log consumer failed on {} messages at positions {}..{} (attempt {}), "
                        + "retrying in {} ms: {}", page.size(), first, last, attempt, backOff, failure.toString());
                if (stopping || !pause(backOff)) {
                    return false;
                }
                backOff = Math.min(backOff * 2, MAX_BACK_OFF_MILLIS);
            }
        }
        delivered = last;
        try {
            records.recordConsumer(CONSUMER_NAME, last);
        } catch (RuntimeException e) {
            // the next batch records a later position; until then a restart replays a little more
            LOG.warn("message log could not record consumer position {}: {}", last, e.getMessage());
        }
        return true;
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
