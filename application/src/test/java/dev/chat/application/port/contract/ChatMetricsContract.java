package dev.chat.application.port.contract;

import dev.chat.application.port.ChatMetrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ChatMetrics} promises operators: each event counted once, under its own name,
 * from any thread, and send-to-delivery latencies kept as given. The port only records, so a
 * subclass says how its adapter's counts are read (its meters, its fields).
 */
public abstract class ChatMetricsContract {
    /** What an operator can read off the adapter. */
    public record Observed(long accepted, long delivered, Duration totalDeliveryLatency, long pushesSent,
                           long pushesRetried, long pushesFailed, long subscriptionsRemoved) {
        public static final Observed NOTHING = new Observed(0, 0, Duration.ZERO, 0, 0, 0, 0);
    }

    /** A new adapter whose counts start at zero. */
    protected abstract ChatMetrics newMetrics();

    /** The counts of the adapter {@link #newMetrics()} returned last. */
    protected abstract Observed observed();

    private ChatMetrics metrics;

    @BeforeEach
    void freshCounts() {
        metrics = newMetrics();
    }

    @Test
    void a_new_one_has_counted_nothing() {
        assertThat(observed()).isEqualTo(Observed.NOTHING);
    }

    @Test
    void each_kind_of_event_is_counted_apart() {
        metrics.messageAccepted();
        metrics.messageAccepted();
        metrics.messageAccepted();
        metrics.messageDelivered(Duration.ofMillis(4));
        metrics.pushed(ChatMetrics.PushEvent.SENT);
        metrics.pushed(ChatMetrics.PushEvent.SENT);
        metrics.pushed(ChatMetrics.PushEvent.RETRIED);
        metrics.pushed(ChatMetrics.PushEvent.FAILED);
        metrics.pushed(ChatMetrics.PushEvent.FAILED);
        metrics.pushed(ChatMetrics.PushEvent.FAILED);
        metrics.pushed(ChatMetrics.PushEvent.SUBSCRIPTION_REMOVED);

        assertThat(observed()).isEqualTo(new Observed(3, 1, Duration.ofMillis(4), 2, 1, 3, 1));
    }

    @Test
    void delivery_latencies_add_up_and_an_instant_delivery_counts_too() {
        metrics.messageDelivered(Duration.ofMillis(3));
        metrics.messageDelivered(Duration.ofMillis(7));
        metrics.messageDelivered(Duration.ZERO);
        metrics.messageDelivered(Duration.ofSeconds(2));

        assertThat(observed()).isEqualTo(new Observed(0, 4, Duration.ofMillis(2_010), 0, 0, 0, 0));
    }

    @Test
    void events_from_many_threads_at_once_are_each_counted() throws Exception {
        int threads = 4;
        int perThread = 2_500;
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            work.add(() -> {
                for (int i = 0; i < perThread; i++) {
                    metrics.messageAccepted();
                    metrics.messageDelivered(Duration.ofMillis(1));
                    if (i % 5 == 0) {
                        metrics.pushed(ChatMetrics.PushEvent.SENT);
                    }
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Void> done : pool.invokeAll(work, 30, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int events = threads * perThread;
        assertThat(observed()).isEqualTo(new Observed(events, events, Duration.ofMillis(events), events / 5, 0, 0, 0));
    }
}
