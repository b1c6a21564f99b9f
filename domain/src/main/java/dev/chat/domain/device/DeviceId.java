package dev.chat.domain.device;

import dev.chat.domain.Require;

/** A device's id, chosen by the client and unique among its user's devices (1 to 64 of a-z A-Z 0-9 . _ - :). */
public record DeviceId(String value) {
    public static final int MAX_LENGTH = 64;

    public DeviceId {
        Require.token(value, "device id", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
