package dev.chat.application.presence;

import dev.chat.application.port.PresenceSessionStore;
import dev.chat.application.port.contract.PresenceSessionStoreContract;

/** The presence specifications' session store keeps the {@link PresenceSessionStore} contract. */
class MapPresenceSessionStoreTest extends PresenceSessionStoreContract {
    @Override
    protected PresenceSessionStore newStore() {
        return new MapPresenceSessionStore();
    }
}
