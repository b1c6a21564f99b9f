package dev.chat.adapter.out.kafka.presence;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A Kafka consumer worked on a daemon thread of its own until closed. When the work fails (the
 * broker away, a store behind it), the consumer is closed and a new one opened after a pause of
 * 0.5 s, doubling up to 10 s: the presence view and the deciders never stop for good.
 */
final class RestartingConsumer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RestartingConsumer.class);

    /** Works the consumer while {@code running} says so; returning ends the thread. */
    interface Work {
        void run(KafkaConsumer<byte[], byte[]> consumer, BooleanSupplier running);
    }

    private final String what;
    private final Supplier<KafkaConsumer<byte[], byte[]>> open;
    private final Work work;
    private final Runnable afterEach;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<byte[], byte[]> consumer;

    /** {@code afterEach}: runs when a consumer is done with, failed or not (forget what it held). */
    RestartingConsumer(String what, String threadName, Supplier<KafkaConsumer<byte[], byte[]>> open, Work work,
                       Runnable afterEach) {
        this.what = what;
        this.open = open;
        this.work = work;
        this.afterEach = afterEach;
        this.thread = new Thread(this::loop, threadName);
        thread.setDaemon(true);
    }

    RestartingConsumer start() {
        thread.start();
        return this;
    }

    boolean running() {
        return running;
    }

    private void loop() {
        long backoff = 500;
        while (running) {
            try {
                consumer = open.get();
                work.run(consumer, this::running);
                return;
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("{} failed; again in {} ms", what, backoff, e);
            } finally {
                afterEach.run();
                KafkaConsumer<byte[], byte[]> closing = consumer;
                if (closing != null) {
                    try {
                        closing.close(Duration.ofSeconds(2));
                    } catch (RuntimeException ignored) {
                        // closing after a failure: a group notices within its session timeout anyway
                    }
                }
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            backoff = Math.min(10_000, backoff * 2);
        }
    }

    @Override
    public void close() {
        running = false;
        KafkaConsumer<byte[], byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
