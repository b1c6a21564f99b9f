package dev.chat.application.port.memory;

import dev.chat.application.delivery.CountingMetrics;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.contract.ChatMetricsContract;

import java.time.Duration;

/** The use cases' counting fake keeps the {@link ChatMetrics} contract, so what their tests count is what operators would see. */
class CountingMetricsTest extends ChatMetricsContract {
    private CountingMetrics metrics;

    @Override
    protected ChatMetrics newMetrics() {
        metrics = new CountingMetrics();
        return metrics;
    }

    @Override
    protected Observed observed() {
        return new Observed(metrics.accepted(), metrics.deliveries().size(),
                metrics.deliveries().stream().reduce(Duration.ZERO, Duration::plus),
                metrics.pushes(ChatMetrics.PushEvent.SENT), metrics.pushes(ChatMetrics.PushEvent.RETRIED),
                metrics.pushes(ChatMetrics.PushEvent.FAILED), metrics.pushes(ChatMetrics.PushEvent.SUBSCRIPTION_REMOVED));
    }
}
