package dev.chat.application.port.memory;

import dev.chat.application.port.PushSubscriptions;
import dev.chat.domain.device.Device;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.user.UserId;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Push subscriptions in a map, for use-case tests. */
public final class InMemoryPushSubscriptions implements PushSubscriptions {
    private final Map<Device, PushSubscription> byDevice = new LinkedHashMap<>();

    @Override
    public synchronized void save(PushSubscription subscription) {
        byDevice.put(subscription.device(), subscription);
    }

    @Override
    public synchronized List<PushSubscription> ofUser(UserId user) {
        return byDevice.values().stream().filter(s -> s.device().user().equals(user)).toList();
    }

    @Override
    public synchronized boolean remove(Device device) {
        return byDevice.remove(device) != null;
    }

    @Override
    public synchronized int removeByAddress(URI address) {
        int before = byDevice.size();
        byDevice.values().removeIf(s -> s.target().address().equals(address));
        return before - byDevice.size();
    }
}
