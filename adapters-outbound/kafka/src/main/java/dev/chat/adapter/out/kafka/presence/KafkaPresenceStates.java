package dev.chat.adapter.out.kafka.presence;

import dev.chat.application.port.PresenceStates;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Decided presence on a compacted topic keyed by user id, and every node's view of it: a consumer
 * of every partition, from the beginning, into a local map, so that reads never leave the node. A
 * decision is in the deciding node's map at once and in the others' after a fetch (tens of
 * milliseconds). Each record carries when it was decided, and the map keeps the later of two, so
 * that a record read late never takes a state back.
 */
public final class KafkaPresenceStates implements PresenceStates, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPresenceStates.class);

    private final PresenceTopics topics;
    private final Clock clock;
    private final KafkaProducer<byte[], byte[]> producer;
    /** Polls that found nothing new: each had read everything published before it started. */
    private volatile long idlePolls;
    private final ConcurrentHashMap<UserId, PresenceRecords.State> byUser = new ConcurrentHashMap<>();
    private final RestartingConsumer view;

    public KafkaPresenceStates(PresenceTopics topics, Clock clock) {
        this.topics = topics;
        this.clock = clock;
        topics.ensureCompacted(topics.statesTopic());
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
        producerProps.put(ProducerConfig.CLIENT_ID_CONFIG, topics.clientId() + "-presence-states");
        producerProps.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer());
        view = new RestartingConsumer("reading " + topics.statesTopic(), "presence-view", this::newConsumer,
                this::read, () -> { }).start();
    }

    @Override
    public Presence current(UserId user) {
        PresenceRecords.State state = byUser.get(user);
        return state == null ? null : state.presence();
    }

    @Override
    public void publish(Presence decided) {
        long at = clock.millis();
        apply(new PresenceRecords.State(decided, at));
        producer.send(new ProducerRecord<>(topics.statesTopic(), PresenceRecords.userBytes(decided.user()),
                PresenceRecords.stateValue(decided, at)), (metadata, failure) -> {
                    if (failure != null) {
                        LOG.warn("publishing the presence of {} failed: {}", decided.user(), failure.toString());
                    }
                });
    }

    private void apply(PresenceRecords.State state) {
        byUser.merge(state.presence().user(), state, (old, now) -> now.decidedAt() >= old.decidedAt() ? now : old);
    }

    /**
     * Returns once this view has read what was published before the call (a poll that found nothing
     * new), or after {@code timeout}.
     */
    public void awaitCaughtUp(Duration timeout) {
        // the second idle poll from now started after this call
        long until = idlePolls + 2;
        long deadline = System.nanoTime() + timeout.toNanos();
        while (idlePolls < until && System.nanoTime() < deadline && view.running()) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private KafkaConsumer<byte[], byte[]> newConsumer() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.clientId() + "-presence-view");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        KafkaConsumer<byte[], byte[]> created = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<TopicPartition> partitions = created.partitionsFor(topics.statesTopic()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        created.assign(partitions);
        created.seekToBeginning(partitions);
        return created;
    }

    private void read(KafkaConsumer<byte[], byte[]> consumer, BooleanSupplier running) {
        while (running.getAsBoolean()) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                PresenceRecords.State state = PresenceRecords.readState(record.key(), record.value());
                if (state != null) {
                    apply(state);
                }
            }
            if (records.isEmpty()) {
                idlePolls++;
            }
        }
    }

    @Override
    public void close() {
        view.close();
        producer.close(Duration.ofSeconds(5));
    }
}
