package dev.chat.adapter.out.kafka.log;

import dev.chat.application.port.MessageLog;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/** The Kafka log when {@code chat.log.backend=kafka} (the distributed profile). */
@Factory
@Requires(property = "chat.log.backend", value = "kafka")
public class KafkaLogFactory {
    @Singleton
    @Bean(preDestroy = "close")
    KafkaMessageLog kafkaMessageLog(@Value("${chat.kafka.bootstrap-servers}") String bootstrapServers,
                                    @Value("${chat.kafka.client-id:chat}") String clientId,
                                    @Value("${chat.kafka.log.topic:chat.messages}") String topic,
                                    @Value("${chat.kafka.log.partitions:12}") int partitions,
                                    @Value("${chat.kafka.log.replication-factor:1}") short replicationFactor,
                                    @Value("${chat.kafka.log.min-insync-replicas:1}") int minInsyncReplicas,
                                    @Value("${chat.kafka.group-prefix:chat}") String groupPrefix,
                                    @Value("${chat.log.batch-size:1000}") int batchSize,
                                    @Value("${chat.log.queue-capacity:10000}") int queueCapacity,
                                    @Value("${chat.log.retention:7d}") Duration idempotencyWindow,
                                    @Value("${chat.retention.sweep-interval:1h}") Duration sweepInterval,
                                    @Value("${chat.kafka.instance-id:}") String instanceId,
                                    DataSource dataSource, Clock clock) {
        KafkaLogSettings settings = new KafkaLogSettings(bootstrapServers, clientId, topic, partitions,
                replicationFactor, minInsyncReplicas, groupPrefix, batchSize, queueCapacity, idempotencyWindow,
                instanceId);
        // the log's threads take their own connections, outside Micronaut's transaction-bound one
        KafkaMessageLog log = new KafkaMessageLog(settings, DelegatingDataSource.unwrapDataSource(dataSource), clock);
        log.sweepEvery(sweepInterval);
        return log;
    }
}
