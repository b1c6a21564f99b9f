package dev.chat.adapter.out.metrics;

import dev.chat.application.delivery.ConnectedDevices;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.delivery.DeviceSink;
import dev.chat.application.delivery.DisconnectReason;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerChatMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void recordsAcceptedDeliveredLatencyAndGauges() {
        ConnectedDevices devices = new ConnectedDevices();
        for (int i = 0; i < 7; i++) {
            devices.register(new DeviceSession(new Device(new UserId(UUID.randomUUID()), new DeviceId("phone")),
                    new SilentSink()));
        }
        MicrometerChatMetrics metrics = new MicrometerChatMetrics(registry, devices, new FixedBacklogLog(42, 50));
        metrics.messageAccepted();
        metrics.messageAccepted();
        metrics.messageDelivered(Duration.ofMillis(3));
        metrics.pushed(ChatMetrics.PushEvent.SENT);

        assertThat(registry.get("chat.messages.accepted").counter().count()).isEqualTo(2);
        assertThat(registry.get("chat.messages.delivered").timer().count()).isEqualTo(1);
        assertThat(registry.get("chat.messages.delivered").timer().totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3);
        assertThat(registry.get("chat.push").tag("event", "sent").counter().count()).isEqualTo(1);
        assertThat(registry.get("chat.push").tag("event", "subscription_removed").counter().count()).isZero();
        assertThat(registry.get("chat.connections.open").gauge().value()).isEqualTo(7);
        assertThat(registry.get("chat.messages.pending").tag("subscription", "store").gauge().value()).isEqualTo(42);
        assertThat(registry.get("chat.messages.pending").tag("subscription", "delivery").gauge().value())
                .isEqualTo(50);
    }

    private static final class SilentSink implements DeviceSink {
        @Override
        public void push(DeviceEvent event) {
        }

        @Override
        public int queued() {
            return 0;
        }

        @Override
        public void disconnect(DisconnectReason reason) {
        }
    }
}
