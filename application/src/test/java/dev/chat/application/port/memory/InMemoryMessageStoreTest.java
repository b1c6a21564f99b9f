package dev.chat.application.port.memory;

import dev.chat.application.port.MessageStore;
import dev.chat.application.port.contract.MessageStoreContract;

/** The in-memory fake keeps the {@link MessageStore} contract, so use-case tests can trust it. */
class InMemoryMessageStoreTest extends MessageStoreContract {
    private final MessageStore adapter = new InMemoryMessageStore();

    @Override
    protected MessageStore store() {
        return adapter;
    }
}
