package dev.chat.adapter.out.metrics;

import dev.chat.application.port.ChatMetrics;
import dev.chat.application.delivery.ConnectedDevices;
import dev.chat.application.delivery.LogSubscriptions;
import dev.chat.application.port.MessageLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The operator's view of the chat, as Micrometer meters (scraped by Prometheus at /prometheus):
 * open connections, messages accepted, delivered and pending, send-to-delivery latency, pushes.
 */
@Singleton
public final class MicrometerChatMetrics implements ChatMetrics {
    private final Counter accepted;
    private final Map<PushEvent, Counter> pushes = new EnumMap<>(PushEvent.class);
    private final Timer deliveryLatency;

    public MicrometerChatMetrics(MeterRegistry registry, ConnectedDevices devices, MessageLog log) {
        this.accepted = Counter.builder("chat.messages.accepted")
                .description("messages appended to the message log and acknowledged to their sender")
                .register(registry);
        for (PushEvent event : PushEvent.values()) {
            pushes.put(event, Counter.builder("chat.push")
                    .description("push notifications to the devices of users with none connected, by what became of "
                            + "them: sent, retried, failed, subscription_removed")
                    .tag("event", event.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        this.deliveryLatency = Timer.builder("chat.messages.delivered")
                .description("messages handed to a connected device, with the time from acceptance to delivery")
                .publishPercentiles(0.5, 0.95, 0.99)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        Gauge.builder("chat.connections.open", devices, ConnectedDevices::count)
                .description("devices connected to this node")
                .strongReference(true)
                .register(registry);
        for (MessageLog.Subscription subscription : new MessageLog.Subscription[]{LogSubscriptions.STORE, LogSubscriptions.DELIVERY}) {
            Gauge.builder("chat.messages.pending", log, l -> l.backlog(subscription))
                    .description("messages in the log that this subscription has not handled yet (store: not yet "
                            + "stored; delivery: not yet fanned out)")
                    .tag("subscription", subscription.name())
                    .strongReference(true)
                    .register(registry);
        }
    }

    @Override
    public void messageAccepted() {
        accepted.increment();
    }

    @Override
    public void messageDelivered(Duration sendToDelivery) {
        deliveryLatency.record(sendToDelivery);
    }

    @Override
    public void pushed(PushEvent event) {
        pushes.get(event).increment();
    }
}
