package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceStore;
import dev.chat.application.port.contract.PresenceStoreContract;

/** The embedded default's presence store keeps the {@link PresenceStore} contract. */
class InMemoryPresenceStoreContractTest extends PresenceStoreContract {
    private final InMemoryPresenceStore store = new InMemoryPresenceStore();

    @Override
    protected PresenceStore store() {
        return store;
    }
}
