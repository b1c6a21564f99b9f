package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceSessionStore;
import dev.chat.application.port.contract.PresenceSessionStoreContract;

/** The embedded default's presence session store keeps the {@link PresenceSessionStore} contract. */
class InMemoryPresenceSessionStoreContractTest extends PresenceSessionStoreContract {
    @Override
    protected PresenceSessionStore newStore() {
        return new InMemoryPresenceSessionStore();
    }
}
