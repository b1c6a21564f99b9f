package dev.chat.application.push;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.PushSubscriptions;
import dev.chat.domain.Require;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;

import java.time.Clock;
import java.util.List;

/** Use case: the caller's own devices' push targets; nobody registers or sees another user's. */
public final class ManagePushSubscriptions implements PushSubscriptionsUseCase {
    /** Devices with a push target per user: bounds what one account can make the server store and send to. */
    public static final int MAX_PER_USER = 32;

    private final PushSubscriptions subscriptions;
    private final Clock clock;

    public ManagePushSubscriptions(PushSubscriptions subscriptions, Clock clock) {
        this.subscriptions = subscriptions;
        this.clock = clock;
    }

    @Override
    public PushSubscription register(Caller caller, DeviceId device, PushTarget target) {
        Require.present(device, "device id");
        Require.present(target, "push target");
        List<PushSubscription> existing = subscriptions.ofUser(caller.user());
        boolean replacing = existing.stream().anyMatch(s -> s.device().id().equals(device));
        Require.that(replacing || existing.size() < MAX_PER_USER,
                "at most " + MAX_PER_USER + " devices of a user have a push target; remove one first");
        PushSubscription subscription = new PushSubscription(new Device(caller.user(), device), target, clock.instant());
        subscriptions.save(subscription);
        return subscription;
    }

    @Override
    public List<PushSubscription> list(Caller caller) {
        return subscriptions.ofUser(caller.user());
    }

    @Override
    public boolean unregister(Caller caller, DeviceId device) {
        Require.present(device, "device id");
        return subscriptions.remove(new Device(caller.user(), device));
    }
}
