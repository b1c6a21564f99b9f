package dev.chat.adapter.out.kafka.presence;

import dev.chat.application.presence.PresenceDecider;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The deciders of this node: a member of the consumer group of the claims topic, deciding the users
 * of the partitions it is assigned, one {@link PresenceDecider} per partition. A partition this node
 * takes (at start, or from a node that died) is read again from its beginning, without deciding,
 * until the end it had when taken: the compacted topic holds every node's latest claim per user and
 * latest beat, which is the decider's whole state. Then every user of the partition is decided once
 * (a claim from a node whose beats stopped counts as lapsed), and the decider goes on live. A
 * partition lost to another member is forgotten. Offsets are never committed: the state is rebuilt.
 */
public final class PresenceDeciding implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PresenceDeciding.class);

    private final PresenceTopics topics;
    private final Supplier<PresenceDecider> deciders;
    private final Map<Integer, PresenceDecider> byPartition = new HashMap<>();
    /** Partitions being read again, with the end offset that ends their rebuilding. */
    private final Map<Integer, Long> rebuilding = new HashMap<>();
    private final Runnable statesCaughtUp;
    private final RestartingConsumer member;
    /** The current member's consumer; used on its thread only. */
    private KafkaConsumer<byte[], byte[]> consumer;

    public PresenceDeciding(PresenceTopics topics, Supplier<PresenceDecider> deciders) {
        this(topics, deciders, () -> { }, null);
    }

    /**
     * {@code statesCaughtUp} returns once this node's view of the published states has read what
     * was published before the call (a decider announces only what differs from it). With
     * {@code registry}: a gauge per partition, 1 where this node decides it ({@code chat_presence_deciding}).
     */
    public PresenceDeciding(PresenceTopics topics, Supplier<PresenceDecider> deciders, Runnable statesCaughtUp,
                            MeterRegistry registry) {
        this.topics = topics;
        this.deciders = deciders;
        this.statesCaughtUp = statesCaughtUp;
        int partitions = topics.ensureCompacted(topics.claimsTopic());
        if (registry != null) {
            for (int partition = 0; partition < partitions; partition++) {
                int p = partition;
                Gauge.builder("chat.presence.deciding", this, d -> d.decides(p) ? 1 : 0)
                        .description("1 where this node decides the presence of the users of this claims partition")
                        .tag("partition", Integer.toString(p)).register(registry);
            }
        }
        member = new RestartingConsumer("presence deciding", "presence-deciding", this::newConsumer,
                this::decideUntilClosed, this::forgetAll).start();
    }

    private synchronized boolean decides(int partition) {
        return byPartition.containsKey(partition) && !rebuilding.containsKey(partition);
    }

    /** The partitions this node decides now (for tests and operators). */
    public synchronized List<Integer> deciding() {
        return List.copyOf(byPartition.keySet());
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.clientId() + "-presence-decider");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, topics.groupPrefix() + ".presence-deciders");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        // a member that died is noticed within this, and its partitions decided elsewhere
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private void decideUntilClosed(KafkaConsumer<byte[], byte[]> member, BooleanSupplier running) {
        consumer = member;
        consumer.subscribe(List.of(topics.claimsTopic()), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                forget(partitions);
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                forget(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                take(partitions);
            }
        });
        long nextSweep = System.nanoTime() + topics.sweepInterval().toNanos();
        while (running.getAsBoolean()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                apply(record);
            }
            finishRebuilding();
            if (System.nanoTime() >= nextSweep) {
                sweep();
                nextSweep = System.nanoTime() + topics.sweepInterval().toNanos();
            }
        }
    }

    private synchronized void forgetAll() {
        byPartition.clear();
        rebuilding.clear();
    }

    private synchronized void take(Collection<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            return;
        }
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            byPartition.put(partition.partition(), deciders.get());
            rebuilding.put(partition.partition(), ends.getOrDefault(partition, 0L));
        }
        LOG.info("deciding the presence of partitions {} of {}", partitions.stream().map(TopicPartition::partition).toList(),
                topics.claimsTopic());
    }

    private synchronized void forget(Collection<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            byPartition.remove(partition.partition());
            rebuilding.remove(partition.partition());
        }
    }

    private synchronized void apply(ConsumerRecord<byte[], byte[]> record) {
        PresenceDecider decider = byPartition.get(record.partition());
        PresenceRecords.Read read = PresenceRecords.read(record.key(), record.value());
        if (decider == null || read == null) {
            return;
        }
        boolean live = !rebuilding.containsKey(record.partition());
        try {
            if (read instanceof PresenceRecords.ReadBeat beat) {
                decider.nodeAlive(beat.node(), beat.at());
            } else if (read instanceof PresenceRecords.ReadClaim claim) {
                if (live) {
                    decider.onClaim(claim.claim());
                } else {
                    decider.recall(claim.claim());
                }
            }
        } catch (RuntimeException e) {
            // the decision is published; what failed is an announcement (contacts or routes unreachable):
            // the next change of the user is announced as usual
            LOG.warn("deciding on a presence record of partition {} failed: {}", record.partition(), e.toString());
        }
    }

    private synchronized void finishRebuilding() {
        if (rebuilding.isEmpty()) {
            return;
        }
        List<Integer> done = new java.util.ArrayList<>();
        rebuilding.forEach((partition, end) -> {
            if (consumer.position(new TopicPartition(topics.claimsTopic(), partition)) >= end) {
                done.add(partition);
            }
        });
        if (done.isEmpty()) {
            return;
        }
        // what subscribers heard is what was published: read it all before deciding anything
        statesCaughtUp.run();
        for (Integer partition : done) {
            rebuilding.remove(partition);
            try {
                byPartition.get(partition).decideAll();
            } catch (RuntimeException e) {
                LOG.warn("deciding partition {} after taking it failed: {}", partition, e.toString());
            }
        }
    }

    private synchronized void sweep() {
        byPartition.forEach((partition, decider) -> {
            if (!rebuilding.containsKey(partition)) {
                try {
                    decider.sweep();
                } catch (RuntimeException e) {
                    LOG.warn("the presence sweep of partition {} failed: {}", partition, e.toString());
                }
            }
        });
    }

    @Override
    public void close() {
        member.close();
    }
}
