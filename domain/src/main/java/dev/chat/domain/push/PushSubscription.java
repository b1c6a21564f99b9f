package dev.chat.domain.push;

import dev.chat.domain.Require;
import dev.chat.domain.device.Device;

import java.time.Instant;

/** One device's push target: a device has at most one; registering another replaces it. */
public record PushSubscription(Device device, PushTarget target, Instant registeredAt) {
    public PushSubscription {
        Require.present(device, "device");
        Require.present(target, "target");
        Require.present(registeredAt, "registered at");
    }
}
