package dev.chat.application.port;

import dev.chat.domain.device.Device;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.user.UserId;

import java.net.URI;
import java.util.List;

/**
 * Outbound port: each device's push target (a Web Push subscription or a webhook), at most one per
 * device, shared by every node.
 */
public interface PushSubscriptions {
    /** Registers the device's target, replacing the one it had. */
    void save(PushSubscription subscription);

    /** The user's devices' subscriptions, in no particular order. */
    List<PushSubscription> ofUser(UserId user);

    /** Removes the device's subscription; true when it had one. */
    boolean remove(Device device);

    /**
     * Removes every subscription whose target has this address (a push service answered that it is
     * gone: 404 or 410); returns how many.
     */
    int removeByAddress(URI address);
}
