package dev.chat.adapter.out.kafka.channel;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.contract.GatewayChannelContract;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.NodeId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import java.util.Properties;
import java.util.UUID;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The Kafka {@link GatewayChannel} keeps the port's contract on a real broker and PostgreSQL. */
class KafkaGatewayChannelTest extends GatewayChannelContract {
    private final List<KafkaGatewayChannel> channels = new ArrayList<>();

    @Override
    protected GatewayChannel newChannel() {
        KafkaGatewayChannel channel = new KafkaGatewayChannel(
                ChannelSettings.local(Engines.kafka(), Engines.unique("deliveries-")),
                Engines.postgres(Engines.unique("channel")), Clock.systemUTC());
        channels.add(channel);
        return channel;
    }

    @AfterEach
    void closeAll() {
        channels.forEach(KafkaGatewayChannel::close);
    }

    @Test
    void onceFlushReturnedEveryBatchSentIsOnTheBrokerSoASenderThatDiesNextLosesNone() {
        ChannelSettings settings = ChannelSettings.local(Engines.kafka(), Engines.unique("deliveries-"));
        KafkaGatewayChannel sender = new KafkaGatewayChannel(settings, Engines.postgres(Engines.unique("channel")),
                Clock.systemUTC());
        channels.add(sender);
        NodeId node = new NodeId("flushed-" + UUID.randomUUID());
        sender.open(node, batch -> { });
        for (int i = 0; i < 200; i++) {
            sender.send(node, List.of(new Delivery.Displace(new Device(new UserId(UUID.randomUUID()), new DeviceId("d" + i)))));
        }
        sender.flush();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(settings.topic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            long records = consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
            assertThat(records).as("acknowledged by the broker when flush returned").isEqualTo(200);
        }
    }
}
