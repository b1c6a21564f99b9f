package dev.chat.domain.device;

import dev.chat.domain.Require;
import dev.chat.domain.user.UserId;

/** One of a user's devices: the unit that connects, receives and keeps its own offsets. */
public record Device(UserId user, DeviceId id) {
    public Device {
        Require.present(user, "user");
        Require.present(id, "device id");
    }
}
