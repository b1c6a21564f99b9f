package dev.chat.application.port.memory;

import dev.chat.application.port.CredentialStore;
import dev.chat.application.port.contract.CredentialStoreContract;

/** The in-memory fake keeps the {@link CredentialStore} contract, so use-case tests can trust it. */
class InMemoryCredentialStoreTest extends CredentialStoreContract {
    private final CredentialStore adapter = new InMemoryCredentialStore();

    @Override
    protected CredentialStore credentials() {
        return adapter;
    }
}
