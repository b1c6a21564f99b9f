package dev.chat.adapter.out.kafka.channel;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How the gateway channel reaches Kafka: its topic has one partition per gateway slot
 * ({@code slots}), so at most that many gateways are live at once; {@code lease} is how long a slot
 * stays held after its node stops renewing.
 */
public record ChannelSettings(String bootstrapServers, String clientId, String topic, int slots, short replicationFactor,
                              Duration lease) {
    public ChannelSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrap servers");
        Objects.requireNonNull(topic, "topic");
        if (slots < 1 || replicationFactor < 1 || lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("the gateway channel needs at least one slot and replica, and a lease");
        }
    }

    public static ChannelSettings local(String bootstrapServers, String topic) {
        return new ChannelSettings(bootstrapServers, "chat", topic, 16, (short) 1, Duration.ofSeconds(15));
    }

    Properties adminProperties() {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId + "-channel-admin");
        return properties;
    }

    Properties producerProperties() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-channel-producer");
        // one sender's batches to one node stay in order: one partition, an idempotent producer
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        // a delivery that cannot go out soon is dropped: its devices catch up from the store
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 2_000);
        return properties;
    }

    Properties consumerProperties(String node) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId + "-inbox-" + node);
        // no group: a node reads its own partition from where it opened, and keeps no position
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        return properties;
    }
}
