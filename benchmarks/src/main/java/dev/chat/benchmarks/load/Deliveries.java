package dev.chat.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.BitSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What arrived where: send-to-receipt latency (from the send time carried in the body), first
 * deliveries, duplicates (the same sender and sequence twice at one device) and, after the
 * drain, what never arrived.
 */
final class Deliveries {
    private final Recorder latencyMicros = new Recorder(3);
    /* the same latencies again, read and reset slice by slice for a soak's report over time */
    private final Recorder sliceMicros = new Recorder(3);
    private final LongAdder delivered = new LongAdder();
    private final LongAdder measuredDeliveries = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final ConcurrentHashMap<Long, BitSet> seen = new ConcurrentHashMap<>();
    private final AtomicLongArray sentBy;
    private final AtomicLongArray deliveredOf;
    private volatile boolean measuring;
    private Histogram window;

    Deliveries(int senders) {
        this.sentBy = new AtomicLongArray(senders);
        this.deliveredOf = new AtomicLongArray(senders);
    }

    void sent(int sender) {
        sentBy.incrementAndGet(sender);
    }

    long sentBy(int sender) {
        return sentBy.get(sender);
    }

    long deliveredOf(int sender) {
        return deliveredOf.get(sender);
    }

    long totalSent() {
        long total = 0;
        for (int i = 0; i < sentBy.length(); i++) {
            total += sentBy.get(i);
        }
        return total;
    }

    /** A frame carrying a generated body arrived at {@code recipient}. */
    void received(int recipient, String body) {
        long now = System.nanoTime();
        int first = body.indexOf(':');
        int second = body.indexOf(':', first + 1);
        int third = body.indexOf(':', second + 1);
        int sender = Integer.parseInt(body, 0, first, 10);
        long seq = Long.parseLong(body, first + 1, second, 10);
        long sentAt = Long.parseLong(body, second + 1, third, 10);
        BitSet bits = seen.computeIfAbsent(((long) recipient << 24) | sender, k -> new BitSet());
        boolean duplicate;
        synchronized (bits) {
            duplicate = bits.get((int) seq);
            bits.set((int) seq);
        }
        if (duplicate) {
            duplicates.increment();
            return;
        }
        delivered.increment();
        deliveredOf.incrementAndGet(sender);
        if (measuring) {
            measuredDeliveries.increment();
            long micros = Math.max(0, (now - sentAt) / 1_000);
            latencyMicros.recordValue(micros);
            sliceMicros.recordValue(micros);
        }
    }

    void startMeasuring() {
        latencyMicros.reset();
        sliceMicros.reset();
        measuredDeliveries.reset();
        measuring = true;
    }

    void stopMeasuring() {
        measuring = false;
        window = latencyMicros.getIntervalHistogram();
    }

    /** The latencies recorded since the previous call (or since measuring began). */
    Histogram sliceLatency() {
        return sliceMicros.getIntervalHistogram();
    }

    Histogram latency() {
        return window;
    }

    long measuredDeliveries() {
        return measuredDeliveries.sum();
    }

    long delivered() {
        return delivered.sum();
    }

    long duplicates() {
        return duplicates.sum();
    }
}
