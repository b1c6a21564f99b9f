package dev.chat.bootstrap.fuzz;

import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Sends requests over keep-alive HTTP clients from {@code concurrency} threads, each waiting for its
 * answer, and hands each answer (or the failure to get one) to the judge. Blocking calls on threads
 * of our own, because the client's asynchronous calls hand every answer to the common pool, which
 * on a two-core machine starts a thread per answer. Requests at the server's size limits go over a
 * client of their own: past the request line's limit, the server answers in HTTP/1.0 and closes
 * without saying so, and the JDK's client then reuses the dead connection for the next request.
 */
final class RequestPipeline implements AutoCloseable {
    private final FuzzHttp http;
    private final FuzzHttp edge;
    private final Tally tally;
    private final ExecutorService workers;

    RequestPipeline(FuzzHttp http, int concurrency, Tally tally) {
        this.http = http;
        this.edge = new FuzzHttp(http.base());
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
        HttpRequest request;
        try {
            request = request(input);
        } catch (IllegalArgumentException e) {
            tally.violation("the fuzzer made a request its HTTP client refuses (" + e.getMessage() + "): " + input.show());
            return null;
        }
        try {
            return (RestOracle.nearTheLimits(input) ? edge : http).send(request);
        } catch (UncheckedIOException e) {
            tally.count("failed exchanges", e.getCause().getClass().getSimpleName() + " " + e.getCause().getMessage());
            return null;
        }
    }

    private HttpRequest request(RestInput input) {
        HttpRequest.Builder builder = http.request(input.target()).method(input.method(), input.bodyBytes() == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(input.bodyBytes()));
        for (RestInput.Header header : input.headers()) {
            builder.header(header.name(), header.value());
        }
        return builder.build();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
