package dev.chat.application.port.memory;

import dev.chat.application.port.PresenceStore;
import dev.chat.application.port.contract.PresenceStoreContract;
import dev.chat.application.presence.SimplePresenceStore;

/** The presence specifications' store keeps the {@link PresenceStore} contract. */
class SimplePresenceStoreTest extends PresenceStoreContract {
    private final SimplePresenceStore store = new SimplePresenceStore();

    @Override
    protected PresenceStore store() {
        return store;
    }
}
