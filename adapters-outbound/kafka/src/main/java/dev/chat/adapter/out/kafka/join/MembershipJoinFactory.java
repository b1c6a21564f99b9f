package dev.chat.adapter.out.kafka.join;

import dev.chat.adapter.out.kafka.log.KafkaMessageLog;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The membership join when {@code chat.delivery.backend=join} (the distributed profile): the fan-out
 * of a worker reads memberships from the join's table instead of the metadata store. Started by the
 * worker role (bootstrap's DeliveryStarter); needs the Kafka log.
 */
@Factory
@Requires(property = "chat.delivery.backend", value = "join")
@Requires(property = "chat.log.backend", value = "kafka")
public class MembershipJoinFactory {
    @Singleton
    @Bean(preDestroy = "close")
    MembershipJoin membershipJoin(@Value("${chat.kafka.bootstrap-servers}") String bootstrapServers,
                                  @Value("${chat.kafka.group-prefix:chat}") String groupPrefix,
                                  @Value("${chat.kafka.log.topic:chat.messages}") String logTopic,
                                  @Value("${chat.kafka.join.stored-topic:chat.stored-messages}") String storedTopic,
                                  @Value("${chat.kafka.memberships-topic:chat.memberships}") String membershipsTopic,
                                  @Value("${chat.kafka.log.replication-factor:1}") short replicationFactor,
                                  @Value("${chat.data-dir:./data}") String dataDir,
                                  @Value("${chat.kafka.join.commit-interval:1s}") Duration commitInterval,
                                  @Value("${chat.kafka.instance-id:}") String instanceId,
                                  KafkaMessageLog log, JoinFanOut fanOut) {
        JoinSettings settings = new JoinSettings(bootstrapServers, groupPrefix + ".membership-join", logTopic,
                storedTopic, membershipsTopic, replicationFactor, Path.of(dataDir, "streams"), commitInterval,
                instanceId);
        return new MembershipJoin(settings, log, fanOut);
    }
}
