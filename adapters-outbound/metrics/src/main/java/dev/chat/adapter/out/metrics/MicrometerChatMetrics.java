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

/**
 * The operator's view of the chat, as Micrometer meters (scraped by Prometheus at /prometheus):
 * open connections, messages accepted, delivered and pending, send-to-delivery latency.
 */
@Singleton
public final class MicrometerChatMetrics implements ChatMetrics {
    private final Counter accepted;
    private final Counter notifications;
    private final Timer deliveryLatency;

    public MicrometerChatMetrics(MeterRegistry registry, ConnectedDevices devices, MessageLog log) {
        this.accepted = Counter.builder("chat.messages.accepted")
                .description("messages appended to the message log and acknowledged to their sender")
                .register(registry);
        this.notifications = Counter.builder("chat.notifications.sent")
                .description("push notifications for users with no connected device")
                .register(registry);
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
    public void notificationSent() {
        notifications.increment();
    }
}
