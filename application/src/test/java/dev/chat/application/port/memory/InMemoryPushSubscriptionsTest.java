package dev.chat.application.port.memory;

import dev.chat.application.port.PushSubscriptions;
import dev.chat.application.port.contract.PushSubscriptionsContract;

class InMemoryPushSubscriptionsTest extends PushSubscriptionsContract {
    private final InMemoryPushSubscriptions subscriptions = new InMemoryPushSubscriptions();

    @Override
    protected PushSubscriptions subscriptions() {
        return subscriptions;
    }
}
