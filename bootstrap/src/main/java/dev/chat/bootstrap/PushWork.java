package dev.chat.bootstrap;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The notification service's threads: they read mutes, targets and offsets and start sends, so the
 * fan-out never waits on those reads. The queue is bounded; when it is full the push is not started
 * (the fan-out must never block on notifications), which the rejection's log line says.
 */
final class PushWork implements Executor, AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(PushWork.class);
    private final ThreadPoolExecutor pool;

    private PushWork(ThreadPoolExecutor pool) {
        this.pool = pool;
    }

    static PushWork onTwoThreads() {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(100_000),
                task -> {
                    Thread thread = new Thread(task, "push-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                (task, executor) -> LOG.warn("push work queue full: a push was not started"));
        return new PushWork(pool);
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
