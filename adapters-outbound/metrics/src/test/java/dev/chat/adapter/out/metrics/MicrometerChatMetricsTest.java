package dev.chat.adapter.out.metrics;

import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.port.DeviceDirectory;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerChatMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void recordsAcceptedDeliveredLatencyAndGauges() {
        MicrometerChatMetrics metrics = new MicrometerChatMetrics(registry, new FixedDirectory(7), new FixedLog(42));
        metrics.messageAccepted();
        metrics.messageAccepted();
        metrics.messageDelivered(Duration.ofMillis(3));
        metrics.notificationSent();

        assertThat(registry.get("chat.messages.accepted").counter().count()).isEqualTo(2);
        assertThat(registry.get("chat.messages.delivered").timer().count()).isEqualTo(1);
        assertThat(registry.get("chat.messages.delivered").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS))
                .isEqualTo(3);
        assertThat(registry.get("chat.notifications.sent").counter().count()).isEqualTo(1);
        assertThat(registry.get("chat.connections.open").gauge().value()).isEqualTo(7);
        assertThat(registry.get("chat.messages.pending").gauge().value()).isEqualTo(42);
    }

    private record FixedDirectory(int connected) implements DeviceDirectory {
        @Override
        public void register(DeviceSession session) {
        }

        @Override
        public void unregister(DeviceSession session) {
        }

        @Override
        public Collection<DeviceSession> sessionsOf(UserId user) {
            return List.of();
        }

        @Override
        public int connectedDevices() {
            return connected;
        }
    }

    private record FixedLog(long backlog) implements MessageLog {
        @Override
        public CompletionStage<Appended> append(Entry entry) {
            throw new IllegalStateException("not used by the metrics");
        }

        @Override
        public Position head() {
            return Position.START;
        }

        @Override
        public void start(Consumer consumer) {
        }

        @Override
        public long backlog() {
            return backlog;
        }
    }
}
