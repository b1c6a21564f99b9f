package dev.chat.application.port.memory;

import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.contract.ChatRepositoryContract;

/** The in-memory fake keeps the {@link ChatRepository} contract, so use-case tests can trust it. */
class InMemoryChatRepositoryTest extends ChatRepositoryContract {
    private final ChatRepository adapter = new InMemoryChatRepository();

    @Override
    protected ChatRepository chats() {
        return adapter;
    }
}
