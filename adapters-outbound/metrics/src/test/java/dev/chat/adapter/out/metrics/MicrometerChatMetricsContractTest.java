package dev.chat.adapter.out.metrics;

import dev.chat.application.delivery.ConnectedDevices;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.contract.ChatMetricsContract;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The Micrometer meters keep the {@link ChatMetrics} contract, read as a scrape would read them. */
class MicrometerChatMetricsContractTest extends ChatMetricsContract {
    private SimpleMeterRegistry registry;

    @Override
    protected ChatMetrics newMetrics() {
        registry = new SimpleMeterRegistry();
        return new MicrometerChatMetrics(registry, new ConnectedDevices(), new FixedBacklogLog(0, 0));
    }

    @Override
    protected Observed observed() {
        var delivered = registry.get("chat.messages.delivered").timer();
        return new Observed((long) registry.get("chat.messages.accepted").counter().count(), delivered.count(),
                Duration.ofNanos((long) delivered.totalTime(TimeUnit.NANOSECONDS)),
                pushes(ChatMetrics.PushEvent.SENT), pushes(ChatMetrics.PushEvent.RETRIED),
                pushes(ChatMetrics.PushEvent.FAILED), pushes(ChatMetrics.PushEvent.SUBSCRIPTION_REMOVED));
    }

    private long pushes(ChatMetrics.PushEvent event) {
        return (long) registry.get("chat.push").tag("event", event.name().toLowerCase(java.util.Locale.ROOT))
                .counter().count();
    }

}
