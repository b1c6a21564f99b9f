package dev.chat.adapter.out.kafka.channel;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;

/** The Kafka gateway channel when {@code chat.channel.backend=kafka} (the distributed profile). */
@Factory
@Requires(property = "chat.channel.backend", value = "kafka")
public class KafkaChannelFactory {
    @Singleton
    @Bean(preDestroy = "close")
    KafkaGatewayChannel kafkaGatewayChannel(@Value("${chat.kafka.bootstrap-servers}") String bootstrapServers,
                                            @Value("${chat.kafka.client-id:chat}") String clientId,
                                            @Value("${chat.kafka.channel.topic:chat.deliveries}") String topic,
                                            @Value("${chat.kafka.channel.slots:64}") int slots,
                                            @Value("${chat.kafka.log.replication-factor:1}") short replicationFactor,
                                            @Value("${chat.kafka.channel.lease:15s}") Duration lease,
                                            DataSource dataSource, Clock clock) {
        return new KafkaGatewayChannel(new ChannelSettings(bootstrapServers, clientId, topic, slots, replicationFactor,
                lease), DelegatingDataSource.unwrapDataSource(dataSource), clock);
    }
}
