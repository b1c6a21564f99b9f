package dev.chat.application.limits;

import java.util.concurrent.atomic.AtomicLong;

/**
 * One subject's {@link RateLimit} without a lock, for paths that must not wait on one (a presence
 * datagram is checked on the receiving thread at 100,000s per second). It is the generic cell rate
 * algorithm: a single timestamp, the time the subject's next permit would be due if it spent them
 * evenly, moved by one compare-and-set per permit. A permit is given while that time is no further
 * ahead of now than {@code burst - 1} intervals.
 */
public final class RateGate {
    private static final RateGate OPEN = new RateGate(0, 0, 0);

    private final long intervalNanos;
    private final long toleranceNanos;
    private final AtomicLong nextDue;

    private RateGate(long intervalNanos, long toleranceNanos, long nowNanos) {
        this.intervalNanos = intervalNanos;
        this.toleranceNanos = toleranceNanos;
        this.nextDue = new AtomicLong(nowNanos);
    }

    /** A gate for one subject, full at {@code nowNanos}; one that always opens when the limit is off. */
    public static RateGate of(RateLimit limit, long nowNanos) {
        if (limit.isOff()) {
            return OPEN;
        }
        long interval = Math.max(1, limit.period().toNanos() / limit.permits());
        return new RateGate(interval, interval * (limit.burst() - 1), nowNanos);
    }

    /** True when every permit is back at {@code nowNanos}: the gate is as good as a new one. */
    public boolean isFull(long nowNanos) {
        return this == OPEN || nextDue.get() - nowNanos <= 0;
    }

    /** Takes a permit if one is free at {@code nowNanos} (any monotonic clock, the same for every call). */
    public boolean tryAcquire(long nowNanos) {
        if (this == OPEN) {
            return true;
        }
        while (true) {
            long due = nextDue.get();
            long from = Math.max(due, nowNanos);
            if (from - nowNanos > toleranceNanos) {
                return false;
            }
            if (nextDue.compareAndSet(due, from + intervalNanos)) {
                return true;
            }
        }
    }
}
