package dev.chat.adapter.out.kafka.channel;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * What this node's inbox read, on {@code /prometheus}: records addressed to it and the deliveries in
 * them, records passed over (addressed to a node that held the slot before), and batches this node
 * could not hand to another. {@code passed_over} staying near zero is what shows that a gateway
 * reads only its own deliveries, never the whole stream.
 */
@Singleton
@Requires(beans = KafkaGatewayChannel.class)
@Requires(classes = MeterRegistry.class)
public final class InboxMeters implements MeterBinder {
    /** Looked up when scraped: the channel needs the data source, which asks for the meter registry, which binds this. */
    private final Provider<KafkaGatewayChannel> channel;

    InboxMeters(Provider<KafkaGatewayChannel> channel) {
        this.channel = channel;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        FunctionCounter.builder("chat.channel.inbox.records", channel, c -> c.get().totals().records())
                .description("delivery records addressed to this node and read by its inbox").register(registry);
        FunctionCounter.builder("chat.channel.inbox.deliveries", channel, c -> c.get().totals().deliveries())
                .description("deliveries in the records read by this node's inbox").register(registry);
        FunctionCounter.builder("chat.channel.inbox.passed.over", channel, c -> c.get().totals().passedOver())
                .description("records in this node's partition addressed to another node").register(registry);
        FunctionCounter.builder("chat.channel.dropped", channel, c -> c.get().dropped())
                .description("delivery batches not sent: their node had no inbox, or Kafka refused them")
                .register(registry);
    }
}
