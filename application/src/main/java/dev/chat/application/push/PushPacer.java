package dev.chat.application.push;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * Paces the preparation of pushes to at most {@code perSecond} a second on this node (0: no limit).
 * Preparing a Web Push costs two P-256 operations, about a millisecond of CPU: a burst of pushes
 * (a thousand chats' throttle windows ending together) would otherwise take cores from message
 * delivery, which matters more. The push threads wait for their turn; the fan-out never does.
 */
final class PushPacer {
    private final long intervalNanos;
    private final LongSupplier nanoTime;
    private final LongConsumer sleepNanos;
    private long nextFree = Long.MIN_VALUE;

    PushPacer(int perSecond) {
        this(perSecond, System::nanoTime, LockSupport::parkNanos);
    }

    PushPacer(int perSecond, LongSupplier nanoTime, LongConsumer sleepNanos) {
        if (perSecond < 0) {
            throw new IllegalArgumentException("a push rate is zero (no limit) or more");
        }
        this.intervalNanos = perSecond == 0 ? 0 : TimeUnit.SECONDS.toNanos(1) / perSecond;
        this.nanoTime = nanoTime;
        this.sleepNanos = sleepNanos;
    }

    /** Waits until this push's turn: turns are one interval apart, and a quiet time saves up no burst. */
    void awaitTurn() {
        if (intervalNanos == 0) {
            return;
        }
        long wait;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long turn = nextFree == Long.MIN_VALUE || nextFree - now < 0 ? now : nextFree;
            nextFree = turn + intervalNanos;
            wait = turn - now;
        }
        if (wait > 0) {
            sleepNanos.accept(wait);
        }
    }
}
