package dev.chat.adapter.out.kafka.join;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * How the membership join runs. {@code applicationId} names its consumer group and its changelog
 * topics; every worker that runs the join with the same id shares its partitions. At-least-once: a
 * task that dies is restarted from its last commit ({@code commitInterval} at most), its stores
 * restored from their changelogs, and what it hands to the gateways again is dropped there (each
 * device session sends a chat's position once).
 */
public record JoinSettings(String bootstrapServers, String applicationId, String logTopic, String storedTopic,
                           String membershipsTopic, short replicationFactor, Path stateDir, Duration commitInterval,
                           String instanceId) {
    public JoinSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrap servers");
        Objects.requireNonNull(applicationId, "application id");
        Objects.requireNonNull(logTopic, "log topic");
        Objects.requireNonNull(storedTopic, "stored-messages topic");
        Objects.requireNonNull(membershipsTopic, "memberships topic");
        Objects.requireNonNull(stateDir, "state directory");
        Objects.requireNonNull(instanceId, "instance id");
    }

    Properties streamsProperties() {
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        // an idle task's poll returns within this, so its 5 ms flush of what is ready runs on time
        p.put(StreamsConfig.POLL_MS_CONFIG, 5L);
        // the changelog writes: Streams' producer lingers 100 ms by default (measured: 129 ms to the last recipient)
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 0);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 1000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 10_000);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 2_000);
        if (!instanceId.isBlank()) {
            // a restarted worker takes its tasks back at once instead of waiting for a rebalance
            p.put(StreamsConfig.consumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), applicationId + "-" + instanceId);
        }
        return p;
    }
}
