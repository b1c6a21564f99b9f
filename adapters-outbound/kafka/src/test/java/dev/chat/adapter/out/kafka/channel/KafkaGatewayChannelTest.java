package dev.chat.adapter.out.kafka.channel;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.contract.GatewayChannelContract;
import org.junit.jupiter.api.AfterEach;

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
}
