package dev.chat.adapter.out.kafka.log;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How the log reaches Kafka and shapes its topic. {@code groupPrefix} names the subscriptions'
 * consumer groups ({@code <prefix>.<subscription>}), so that two deployments share a cluster
 * without sharing positions. {@code instanceId}, when not empty, makes this process a static member
 * of its groups ({@code group.instance.id}): restarted with the same id (a storage worker after a
 * crash), it takes its partitions back at once instead of waiting for a rebalance.
 */
public record KafkaLogSettings(String bootstrapServers, String clientId, String topic, int partitions,
                               short replicationFactor, int minInsyncReplicas, String groupPrefix, int batchSize,
                               int queueCapacity, Duration idempotencyWindow, String instanceId) {
    public KafkaLogSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrap servers");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(groupPrefix, "group prefix");
        if (partitions < 1 || replicationFactor < 1 || minInsyncReplicas < 1 || batchSize < 1 || queueCapacity < 1) {
            throw new IllegalArgumentException("partitions, replicas, min in-sync replicas, batch size and queue "
                    + "capacity of the Kafka log are positive");
        }
    }

    /** The settings for a single local broker (tests, the local cluster). */
    public static KafkaLogSettings local(String bootstrapServers, String topic, String groupPrefix) {
        return new KafkaLogSettings(bootstrapServers, "chat", topic, 6, (short) 1, 1, groupPrefix, 1000, 10_000,
                Duration.ofDays(7), "");
    }

    String groupOf(String subscription) {
        return groupPrefix + "." + subscription;
    }

    Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-log-admin");
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return properties;
    }

    Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-log-producer");
        // durable before acknowledged, and the producer's own retries never write a record twice
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        // the appender flushes each batch itself: lingering would only add latency
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // a sender waits for its acknowledgement: give up (and let it resend) well before a client does
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return properties;
    }

    Properties consumerProperties(String group, boolean follower) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-" + group);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        // positions are committed after the consumer returned, never before
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a new subscription starts at the beginning of what the topic keeps
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, batchSize);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        if (follower) {
            // a follower resumes a partition when its leader moves on, and its next fetch waits behind the
            // one the broker holds for the other partitions: 500 ms by default, measured as delivery lagging
            // storing by 500 ms; 10 ms took it to 10 ms but cost 60 ms of CPU a second idle; 50 ms between
            properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        }
        // a member that died is noticed within 10 s (the broker's minimum is 6 s), not Kafka's default 45 s
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        if (instanceId != null && !instanceId.isBlank()) {
            properties.put(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, instanceId);
        }
        return properties;
    }
}
