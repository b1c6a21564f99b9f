package dev.chat.adapter.out.identity;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** Lets one log line through per interval: during an outage every request fails alike. */
final class LogThrottle {
    private final long intervalMillis;
    private final AtomicLong last = new AtomicLong(Long.MIN_VALUE / 2);

    LogThrottle(Duration interval) {
        this.intervalMillis = interval.toMillis();
    }

    /** True once per interval, for the caller that should log. */
    boolean due() {
        long now = System.currentTimeMillis();
        long previous = last.get();
        return now - previous >= intervalMillis && last.compareAndSet(previous, now);
    }
}
