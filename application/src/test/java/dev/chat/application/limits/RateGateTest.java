package dev.chat.application.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RateGateTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void aGateGivesItsBurstThenPermitsAtTheRateAndSavesNoMoreThanTheBurst() {
        long now = -7 * SECOND; // nanoTime may be negative
        RateGate gate = RateGate.of(new RateLimit(2, Duration.ofSeconds(1), 3), now);

        assertThat(gate.tryAcquire(now)).isTrue();
        assertThat(gate.tryAcquire(now)).isTrue();
        assertThat(gate.tryAcquire(now)).isTrue();
        assertThat(gate.tryAcquire(now)).as("the burst of 3 is spent").isFalse();

        now += SECOND / 2;
        assertThat(gate.tryAcquire(now)).as("one permit back after half a second at 2/s").isTrue();
        assertThat(gate.tryAcquire(now)).isFalse();

        now += 60 * SECOND;
        for (int i = 0; i < 3; i++) {
            assertThat(gate.tryAcquire(now)).isTrue();
        }
        assertThat(gate.tryAcquire(now)).as("a minute of silence saves no more than the burst").isFalse();
    }

    @Test
    void offAlwaysOpens() {
        RateGate gate = RateGate.of(RateLimit.OFF, 0);
        for (int i = 0; i < 10_000; i++) {
            assertThat(gate.tryAcquire(0)).isTrue();
        }
    }

    @Test
    void threadsRacingForOneGateGetExactlyTheBurstBetweenThem() throws InterruptedException {
        long now = 42 * SECOND;
        RateGate gate = RateGate.of(new RateLimit(1, Duration.ofHours(1), 1_000), now);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1_000; i++) {
                    if (gate.tryAcquire(now)) {
                        granted.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(granted).hasValue(1_000);
    }
}
