package dev.chat.adapter.out.kafka.presence;

import dev.chat.application.port.NodeId;
import dev.chat.application.presence.PresenceDecider;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Presence across nodes on Kafka (the distributed profile): claims and beats when
 * {@code chat.presence.claims.backend=kafka}, deciders where {@code chat.presence.decider.enabled}
 * (the gateways), the decided states and every node's view of them when
 * {@code chat.presence.states.backend=kafka}.
 */
@Factory
public class KafkaPresenceFactory {
    @Singleton
    @Requires(property = "chat.kafka.bootstrap-servers")
    PresenceTopics presenceTopics(@Value("${chat.kafka.bootstrap-servers}") String bootstrapServers,
                                  @Value("${chat.kafka.client-id:chat}") String clientId,
                                  @Value("${chat.kafka.group-prefix:chat}") String groupPrefix,
                                  @Value("${chat.kafka.presence.claims-topic:chat.presence-claims}") String claimsTopic,
                                  @Value("${chat.kafka.presence.states-topic:chat.presence}") String statesTopic,
                                  @Value("${chat.kafka.presence.partitions:12}") int partitions,
                                  @Value("${chat.kafka.log.replication-factor:1}") short replicationFactor,
                                  @Value("${chat.presence-sweep-interval:1s}") Duration sweepInterval) {
        return new PresenceTopics(bootstrapServers, clientId, groupPrefix, claimsTopic, statesTopic, partitions,
                replicationFactor, Duration.ofSeconds(1), sweepInterval);
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "chat.presence.claims.backend", value = "kafka")
    KafkaPresenceClaims kafkaPresenceClaims(PresenceTopics topics, NodeId self, Clock clock) {
        return new KafkaPresenceClaims(topics, self, clock);
    }

    @Context
    @Bean(preDestroy = "close")
    @Requires(property = "chat.presence.claims.backend", value = "kafka")
    @Requires(property = "chat.presence.decider.enabled", value = "true", defaultValue = "true")
    PresenceDeciding presenceDeciding(PresenceTopics topics, BeanProvider<PresenceDecider> deciders,
                                      Optional<KafkaPresenceStates> states, MeterRegistry registry) {
        Runnable statesCaughtUp = () -> states.ifPresent(view -> view.awaitCaughtUp(Duration.ofSeconds(5)));
        return new PresenceDeciding(topics, deciders::get, statesCaughtUp, registry);
    }

    @Singleton
    @Bean(preDestroy = "close")
    @Requires(property = "chat.presence.states.backend", value = "kafka")
    KafkaPresenceStates kafkaPresenceStates(PresenceTopics topics, Clock clock) {
        return new KafkaPresenceStates(topics, clock);
    }
}
