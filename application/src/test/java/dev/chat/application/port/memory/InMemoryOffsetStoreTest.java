package dev.chat.application.port.memory;

import dev.chat.application.port.OffsetStore;
import dev.chat.application.port.contract.OffsetStoreContract;

/** The in-memory fake keeps the {@link OffsetStore} contract, so use-case tests can trust it. */
class InMemoryOffsetStoreTest extends OffsetStoreContract {
    private final OffsetStore adapter = new InMemoryOffsetStore();

    @Override
    protected OffsetStore offsets() {
        return adapter;
    }
}
