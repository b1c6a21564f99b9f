package dev.chat.application.limits;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class KeyedRateLimiterTest {
    private long now = 5_000_000_000L;

    @Test
    void aKeyGetsItsBurstThenPermitsAtTheRateAndOtherKeysAreApart() {
        KeyedRateLimiter<String> limiter = new KeyedRateLimiter<>(new RateLimit(2, Duration.ofSeconds(1), 3), 100,
                () -> now);

        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).isTrue();
        assertThat(limiter.tryAcquire("a")).as("the burst of 3 is spent").isFalse();
        assertThat(limiter.tryAcquire("b")).as("another key").isTrue();

        now += TimeUnit.MILLISECONDS.toNanos(500);
        assertThat(limiter.tryAcquire("a")).as("one permit back after half a second at 2/s").isTrue();
        assertThat(limiter.tryAcquire("a")).isFalse();

        now += TimeUnit.SECONDS.toNanos(60);
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.tryAcquire("a")).isTrue();
        }
        assertThat(limiter.tryAcquire("a")).as("no more than the burst saved up").isFalse();
    }

    @Test
    void offAllowsEverythingAndForgottenKeysStartFull() {
        KeyedRateLimiter<String> off = new KeyedRateLimiter<>(RateLimit.OFF, 10, () -> now);
        for (int i = 0; i < 1_000; i++) {
            assertThat(off.tryAcquire("a")).isTrue();
        }
        KeyedRateLimiter<String> small = new KeyedRateLimiter<>(new RateLimit(1, Duration.ofHours(1), 1), 2, () -> now);
        assertThat(small.tryAcquire("a")).isTrue();
        assertThat(small.tryAcquire("a")).isFalse();
        small.tryAcquire("b");
        small.tryAcquire("c");
        assertThat(small.tryAcquire("a")).as("past two keys, none full again: all were forgotten").isTrue();

        KeyedRateLimiter<String> refilling = new KeyedRateLimiter<>(new RateLimit(1, Duration.ofSeconds(1), 1), 2,
                () -> now);
        refilling.tryAcquire("a");
        refilling.tryAcquire("b");
        now += TimeUnit.SECONDS.toNanos(1);
        refilling.tryAcquire("c");
        assertThat(refilling.tryAcquire("c")).as("c's bucket was kept while the full ones went").isFalse();
    }
}
