package dev.chat.adapter.out.kafka.log;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The highest position this instance knows to be durable in each partition: from the appends Kafka
 * acknowledged here (with {@code acks=all}, an acknowledged record is below the high watermark) and
 * from the records read here (a consumer reads only below it). Never above the partition's head, so
 * a position at or below it has been reached without asking the broker.
 */
final class HeadCache {
    private final AtomicLongArray known;

    HeadCache(int partitions) {
        this.known = new AtomicLongArray(partitions);
    }

    void advance(int partition, long position) {
        known.accumulateAndGet(partition, position, Math::max);
    }

    long known(int partition) {
        return known.get(partition);
    }
}
