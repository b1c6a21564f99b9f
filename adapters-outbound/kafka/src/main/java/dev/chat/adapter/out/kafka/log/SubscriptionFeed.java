package dev.chat.adapter.out.kafka.log;

import dev.chat.adapter.out.kafka.log.ClientMessageIds.Claim;
import dev.chat.adapter.out.kafka.log.ClientMessageIds.Key;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Feeds one subscription's consumer from its own consumer group, on a thread of its own: poll, keep
 * the records that count (the claimed one of each client message id), hand them over, commit their
 * offsets, and only then poll again. A failing consumer is given the same batch again, after a
 * pause that grows to a second; nothing is committed past what it returned from.
 *
 * <p>A follower reads each partition only up to its leader's committed offset: a partition it has
 * read up to there is paused until the leader moves on (a leader on this log instance wakes it at
 * once; otherwise the leader's offsets are read from Kafka every {@link #LEADER_REFRESH}).
 */
final class SubscriptionFeed implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SubscriptionFeed.class);
    static final Duration LEADER_REFRESH = Duration.ofMillis(200);
    private static final Duration POLL = Duration.ofMillis(500);

    private final MessageLog.Subscription subscription;
    private final String group;
    private final Optional<String> leaderGroup;
    private final Consumer<byte[], byte[]> consumer;
    private final KafkaMessageLog.VersionedConsumer target;
    private final ClientMessageIds ids;
    private final LeaderProgress leaders;
    private final HeadCache heads;
    private final Clock clock;
    private final AtomicLong dropped = new AtomicLong();
    private final Runnable wake;
    private volatile boolean running = true;
    private long leaderReadAt;

    SubscriptionFeed(MessageLog.Subscription subscription, String group, Optional<String> leaderGroup,
                     Consumer<byte[], byte[]> consumer, KafkaMessageLog.VersionedConsumer target, ClientMessageIds ids,
                     LeaderProgress leaders, HeadCache heads, Clock clock) {
        this.subscription = subscription;
        this.group = group;
        this.leaderGroup = leaderGroup;
        this.consumer = consumer;
        this.target = target;
        this.ids = ids;
        this.leaders = leaders;
        this.heads = heads;
        this.clock = clock;
        this.wake = consumer::wakeup;
        leaderGroup.ifPresent(leader -> leaders.onCommit(leader, wake));
    }

    /** Records passed over because another record of the same client message id counts. */
    long dropped() {
        return dropped.get();
    }

    void stop() {
        running = false;
        leaderGroup.ifPresent(leader -> leaders.removeListener(leader, wake));
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            while (running) {
                try {
                    leaderGroup.ifPresent(this::resumeWhatTheLeaderHandled);
                    ConsumerRecords<byte[], byte[]> records = consumer.poll(leaderGroup.isPresent() ? LEADER_REFRESH : POLL);
                    if (!records.isEmpty()) {
                        handle(records);
                    }
                } catch (WakeupException e) {
                    // a leader moved on, or stop()
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    if (running) {
                        LOG.error("subscription {}: reading the log failed; trying again", subscription.name(), e);
                        try {
                            pause(Duration.ofSeconds(1));
                        } catch (InterruptedException interrupted) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                }
            }
        } finally {
            try {
                consumer.close(Duration.ofSeconds(5));
            } catch (RuntimeException e) {
                LOG.warn("subscription {}: closing its consumer failed", subscription.name(), e);
            }
        }
    }

    private void resumeWhatTheLeaderHandled(String leader) {
        Set<TopicPartition> paused = consumer.paused();
        if (paused.isEmpty()) {
            return;
        }
        long now = System.nanoTime();
        // a leader here reports its commits at once; one elsewhere is read from Kafka while this waits for it
        if (now - leaderReadAt > LEADER_REFRESH.toNanos()) {
            try {
                leaders.refresh(leader);
                leaderReadAt = now;
            } catch (Exception e) {
                LOG.warn("subscription {}: reading the progress of {} failed", subscription.name(), leader, e);
            }
        }
        List<TopicPartition> resume = new ArrayList<>();
        for (TopicPartition partition : paused) {
            if (leaders.limit(leader, partition) > consumer.position(partition)) {
                resume.add(partition);
            }
        }
        if (!resume.isEmpty()) {
            consumer.resume(resume);
        }
    }

    private void handle(ConsumerRecords<byte[], byte[]> records) throws InterruptedException {
        List<ConsumerRecord<byte[], byte[]>> taken = new ArrayList<>(records.count());
        Map<TopicPartition, OffsetAndMetadata> next = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            long limit = leaderGroup.map(leader -> leaders.limit(leader, partition)).orElse(Long.MAX_VALUE);
            for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
                if (record.offset() >= limit) {
                    // the leader has not handled it yet: read it again once it has
                    consumer.seek(partition, record.offset());
                    consumer.pause(List.of(partition));
                    break;
                }
                taken.add(record);
                next.put(partition, new OffsetAndMetadata(record.offset() + 1));
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        Counting batch = countingOnly(taken);
        if (!batch.messages().isEmpty()) {
            offer(batch);
        }
        commit(next);
    }

    /** The messages of a batch that count, and the chat version of each. */
    private record Counting(List<Message> messages, long[] chatVersions) {
    }

    /** The records that count, as messages: a record whose client message id claimed another position is dropped. */
    private Counting countingOnly(List<ConsumerRecord<byte[], byte[]>> records) throws InterruptedException {
        List<Entry> entries = new ArrayList<>(records.size());
        Map<Key, Claim> claims = new LinkedHashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Entry entry;
            try {
                entry = LogRecords.entryOf(record.value());
            } catch (RuntimeException e) {
                LOG.error("subscription {}: skipping the unreadable record at {}-{}@{}", subscription.name(),
                        record.topic(), record.partition(), record.offset(), e);
                entries.add(null);
                continue;
            }
            entries.add(entry);
            heads.advance(record.partition(), record.offset() + 1);
            claims.putIfAbsent(Key.of(entry), new Claim(entry, record.offset() + 1));
        }
        Map<Key, Long> canonical = null;
        for (Duration backoff = Duration.ofMillis(50); canonical == null && running; ) {
            try {
                canonical = ids.claim(claims.values(), clock.instant());
            } catch (Exception e) {
                LOG.warn("subscription {}: claiming {} records failed; trying again", subscription.name(),
                        claims.size(), e);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
                        : backoff.multipliedBy(2);
            }
        }
        if (canonical == null) {
            throw new WakeupException();
        }
        List<Message> batch = new ArrayList<>(records.size());
        long[] chatVersions = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            Entry entry = entries.get(i);
            if (entry == null) {
                continue;
            }
            long position = records.get(i).offset() + 1;
            if (canonical.get(Key.of(entry)) == position) {
                chatVersions[batch.size()] = entry.chatVersion();
                batch.add(entry.at(new Position(position)));
            } else {
                dropped.incrementAndGet();
            }
        }
        return new Counting(batch, java.util.Arrays.copyOf(chatVersions, batch.size()));
    }

    private void offer(Counting batch) throws InterruptedException {
        Duration backoff = Duration.ofMillis(50);
        while (running) {
            try {
                target.accept(batch.messages(), batch.chatVersions());
                return;
            } catch (RuntimeException e) {
                LOG.warn("subscription {}: its consumer failed on a batch of {}; offering it again in {} ms",
                        subscription.name(), batch.messages().size(), backoff.toMillis(), e);
                pause(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1)
                        : backoff.multipliedBy(2);
            }
        }
        throw new WakeupException();
    }

    private void commit(Map<TopicPartition, OffsetAndMetadata> next) {
        while (true) {
            try {
                consumer.commitSync(next);
                break;
            } catch (WakeupException e) {
                // a leader's wake-up landed in the commit: commit again, it must not be lost
                if (!running) {
                    consumer.commitSync(next);
                    break;
                }
            }
        }
        Map<TopicPartition, Long> offsets = new HashMap<>();
        next.forEach((partition, offset) -> offsets.put(partition, offset.offset()));
        leaders.committed(group, offsets);
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
