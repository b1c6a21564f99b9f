package dev.chat.bootstrap.fuzz;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Sends requests over keep-alive connections from {@code concurrency} threads, each waiting for its
 * answer, and hands each answer (or the failure to get one) to the judge.
 */
final class RequestPipeline implements AutoCloseable {
    private final RawHttp http;
    private final Tally tally;
    private final ExecutorService workers;

    RequestPipeline(java.net.URI api, int concurrency, Tally tally) {
        this.http = new RawHttp(api);
        this.tally = tally;
        this.workers = Executors.newFixedThreadPool(concurrency, runnable -> {
            Thread thread = new Thread(runnable, "fuzz-rest");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Returns once every request is answered; {@code judge} gets the answer or, on a failed exchange,
     * null (the failure is counted by its cause).
     */
    void run(List<RestInput> inputs, BiConsumer<RestInput, FuzzHttp.Response> judge) throws InterruptedException {
        CountDownLatch answered = new CountDownLatch(inputs.size());
        for (RestInput input : inputs) {
            workers.execute(() -> {
                try {
                    judge.accept(input, exchange(input));
                } catch (RuntimeException | AssertionError e) {
                    tally.violation("judging " + input.show() + " failed: " + e);
                } finally {
                    answered.countDown();
                }
            });
        }
        if (!answered.await(60, TimeUnit.SECONDS)) {
            tally.violation("requests still unanswered after 60 s: the API hangs");
        }
    }

    private FuzzHttp.Response exchange(RestInput input) {
        try {
            return http.exchange(input, input.declaredLength());
        } catch (IOException | RuntimeException e) {
            tally.count("failed exchanges", e.getClass().getSimpleName() + " " + e.getMessage());
            return null;
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
