package dev.chat.adapter.out.kafka.presence;

import dev.chat.application.port.PresenceStates;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

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
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final ConcurrentHashMap<UserId, PresenceRecords.State> byUser = new ConcurrentHashMap<>();
    private final Thread reader;
    private volatile boolean running = true;

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
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
        consumerProps.put(ConsumerConfig.CLIENT_ID_CONFIG, topics.clientId() + "-presence-view");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerProps.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        consumer = new KafkaConsumer<>(consumerProps, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topics.statesTopic()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        reader = new Thread(this::read, "presence-view");
        reader.setDaemon(true);
        reader.start();
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

    private void read() {
        try {
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    PresenceRecords.State state = PresenceRecords.readState(record.key(), record.value());
                    if (state != null) {
                        apply(state);
                    }
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            LOG.error("the presence view stopped reading {}", topics.statesTopic(), e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
