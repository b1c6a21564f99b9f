package dev.chat.adapter.out.jdbc;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** One background thread that runs the periodic retention sweeps of the embedded store. */
@Singleton
public final class RetentionScheduler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionScheduler.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-jdbc-retention");
        thread.setDaemon(true);
        return thread;
    });

    /** Runs the sweep every {@code interval}, first after one interval; a failing sweep is logged and retried. */
    public void every(Duration interval, String name, Runnable sweep) {
        long millis = Math.max(1, interval.toMillis());
        executor.scheduleWithFixedDelay(() -> {
            try {
                sweep.run();
            } catch (RuntimeException e) {
                LOG.warn("retention sweep {} failed, next try in {}: {}", name, interval, SqlErrors.describe(e));
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
