package dev.chat.adapter.out.kafka.channel;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.contract.PortFixtures;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Channels of several processes (one instance each) on one topic and one PostgreSQL: each node reads
 * only its own deliveries, and a node that takes the slot of one that died passes over what was
 * still addressed to the dead one.
 */
class KafkaGatewayChannelAcrossProcessesTest {
    private final List<KafkaGatewayChannel> channels = new ArrayList<>();
    private final String topic = Engines.unique("deliveries-");
    private final DataSource postgres = Engines.postgres(Engines.unique("channels"));

    private KafkaGatewayChannel process(Duration lease) {
        KafkaGatewayChannel channel = new KafkaGatewayChannel(
                new ChannelSettings(Engines.kafka(), "chat", topic, 4, (short) 1, lease), postgres, Clock.systemUTC());
        channels.add(channel);
        return channel;
    }

    @AfterEach
    void closeAll() {
        channels.forEach(KafkaGatewayChannel::close);
    }

    private static final class Inbox implements dev.chat.application.port.GatewayChannel.Inbox {
        final List<Delivery> received = new ArrayList<>();

        @Override
        public synchronized void receive(List<Delivery> batch) {
            received.addAll(batch);
        }

        synchronized int size() {
            return received.size();
        }
    }

    private static List<Delivery> messageFor(UserId user, long position) {
        return List.of(new Delivery.OfMessage(PortFixtures.message(new ChatId(UUID.randomUUID()), position, user),
                List.of(user)));
    }

    @Test
    void each_gateway_reads_only_the_deliveries_addressed_to_it() {
        KafkaGatewayChannel gatewayOne = process(Duration.ofSeconds(15));
        KafkaGatewayChannel gatewayTwo = process(Duration.ofSeconds(15));
        KafkaGatewayChannel worker = process(Duration.ofSeconds(15));
        NodeId one = new NodeId("one-" + UUID.randomUUID());
        NodeId two = new NodeId("two-" + UUID.randomUUID());
        Inbox atOne = new Inbox();
        Inbox atTwo = new Inbox();
        gatewayOne.open(one, atOne);
        gatewayTwo.open(two, atTwo);

        for (int i = 1; i <= 30; i++) {
            worker.send(one, messageFor(new UserId(UUID.randomUUID()), i));
            if (i % 3 == 0) {
                worker.send(two, messageFor(new UserId(UUID.randomUUID()), i));
            }
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> atOne.size() == 30 && atTwo.size() == 10);
        assertThat(gatewayOne.counts(one)).isEqualTo(new KafkaGatewayChannel.InboxCounts(30, 30, 0));
        assertThat(gatewayTwo.counts(two)).isEqualTo(new KafkaGatewayChannel.InboxCounts(10, 10, 0));
    }

    @Test
    void a_gateway_taking_the_slot_of_a_dead_one_passes_over_what_was_still_addressed_to_it() throws Exception {
        // a gateway took slot 0 for a second and died without releasing it
        InboxSlots slots = new InboxSlots(postgres, 4, Clock.systemUTC());
        NodeId dead = new NodeId("dead-" + UUID.randomUUID());
        KafkaGatewayChannel worker = process(Duration.ofSeconds(15));
        assertThat(slots.claim(dead, Duration.ofSeconds(1))).hasValue(0);
        await().atMost(Duration.ofSeconds(10)).until(() -> slots.slotOf(dead).isEmpty());

        KafkaGatewayChannel heir = process(Duration.ofSeconds(15));
        NodeId next = new NodeId("next-" + UUID.randomUUID());
        Inbox atNext = new Inbox();
        heir.open(next, atNext);
        Delivery displace = new Delivery.Displace(new Device(new UserId(UUID.randomUUID()), new DeviceId("phone")));
        // a sender that still had the dead node's slot cached, and one that looks it up now
        try (KafkaProducer<byte[], byte[]> stale = new KafkaProducer<>(
                new ChannelSettings(Engines.kafka(), "stale", topic, 4, (short) 1, Duration.ofSeconds(15))
                        .producerProperties(), new ByteArraySerializer(), new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> late = new ProducerRecord<>(topic, 0, null,
                    DeliveryRecords.encode(List.of(displace)));
            late.headers().add(KafkaGatewayChannel.NODE_HEADER, dead.value().getBytes(StandardCharsets.UTF_8));
            stale.send(late).get(20, TimeUnit.SECONDS);
        }
        worker.send(dead, List.of(displace));
        worker.send(next, List.of(displace));

        await().atMost(Duration.ofSeconds(20)).until(() -> atNext.size() == 1 && heir.counts(next).passedOver() == 1);
        assertThat(heir.counts(next)).isEqualTo(new KafkaGatewayChannel.InboxCounts(1, 1, 1));
        assertThat(worker.dropped()).as("the send to the dead node, which has no slot any more").isEqualTo(1);
    }
}
