package dev.chat.adapter.in.websocket;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * Flushes connections a moment later, on its own thread. Acknowledgements of a group commit are
 * answered one after the other on one thread; a connection with several among them asks for a
 * flush once and gets its {@code accepted} frames in one write instead of one write each.
 */
@Singleton
final class DeferredFlusher implements AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread flusher = new Thread(runnable, "gateway-flusher");
        flusher.setDaemon(true);
        return flusher;
    });

    /** Runs {@code flush} soon; if the flusher is stopping, runs it now. */
    void schedule(Runnable flush) {
        try {
            thread.execute(flush);
        } catch (RejectedExecutionException stopping) {
            flush.run();
        }
    }

    @PreDestroy
    @Override
    public void close() {
        thread.shutdown();
    }
}
