package dev.chat.application.port.memory;

import dev.chat.application.port.UserRepository;
import dev.chat.application.port.contract.UserRepositoryContract;

/** The in-memory fake keeps the {@link UserRepository} contract, so use-case tests can trust it. */
class InMemoryUserRepositoryTest extends UserRepositoryContract {
    private final UserRepository adapter = new InMemoryUserRepository();

    @Override
    protected UserRepository users() {
        return adapter;
    }
}
