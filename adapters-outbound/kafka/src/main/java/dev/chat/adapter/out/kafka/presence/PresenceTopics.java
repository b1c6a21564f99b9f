package dev.chat.adapter.out.kafka.presence;

import dev.chat.adapter.out.kafka.membership.CoPartitionedTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Where presence travels in a cluster: the claims topic (what each node sees of its users, and its
 * beats) and the states topic (each user's decided presence), both compacted.
 */
public record PresenceTopics(String bootstrapServers, String clientId, String groupPrefix, String claimsTopic,
                             String statesTopic, int partitions, short replicationFactor, Duration beatInterval,
                             Duration sweepInterval) {

    /** For tests: fresh topics of a few partitions, beats and sweeps every 200 ms. */
    public static PresenceTopics local(String bootstrapServers, String prefix) {
        return new PresenceTopics(bootstrapServers, "test", prefix, prefix + "-claims", prefix + "-states", 3,
                (short) 1, Duration.ofMillis(200), Duration.ofMillis(200));
    }

    /** Creates the topic, compacted, when missing; returns its number of partitions (an existing topic's own). */
    int ensureCompacted(String topic) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            try {
                admin.createTopics(List.of(new NewTopic(topic, partitions, replicationFactor)
                        .configs(Map.of("cleanup.policy", "compact")))).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create the topic " + topic + ": " + e.getCause(), e);
                }
            }
            return CoPartitionedTopic.partitionsOf(admin, topic);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the topic " + topic, e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("the broker did not create the topic " + topic + " within 30 s", e);
        }
    }
}
