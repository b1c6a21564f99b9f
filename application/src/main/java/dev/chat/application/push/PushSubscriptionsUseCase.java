package dev.chat.application.push;

import dev.chat.application.identity.Caller;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;

import java.util.List;

/**
 * Inbound port: a user's devices register where their push notifications go (a Web Push
 * subscription, or a webhook for an integrator), see them, and remove them.
 */
public interface PushSubscriptionsUseCase {
    /**
     * Registers {@code target} for the caller's device, replacing what it had. Rejects with
     * {@code INVALID_INPUT} past {@link ManagePushSubscriptions#MAX_PER_USER} devices.
     */
    PushSubscription register(Caller caller, DeviceId device, PushTarget target);

    List<PushSubscription> list(Caller caller);

    /** True when the device had a subscription. */
    boolean unregister(Caller caller, DeviceId device);
}
