package dev.chat.application.delivery;

import dev.chat.application.identity.Caller;
import dev.chat.domain.device.DeviceId;

/** Inbound port: a device connects, catches up on what it missed, then receives live; later it leaves. */
public interface ConnectDeviceUseCase {
    /**
     * Registers the device for live delivery and starts its catch-up in the background: every
     * message after the device's offset in each of its chats, then {@link DeviceEvent.CaughtUp}.
     */
    DeviceSession connect(Caller caller, DeviceId device, DeviceSink sink);

    void disconnect(DeviceSession session);

    /** This node is stopping: every device connected here is told to reconnect elsewhere ({@link DisconnectReason#NODE_STOPPING}). */
    void disconnectAll();
}
