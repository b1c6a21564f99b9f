package dev.chat.application.port.memory;

import dev.chat.application.port.ChatMutes;
import dev.chat.application.port.contract.ChatMutesContract;

class InMemoryChatMutesTest extends ChatMutesContract {
    private final InMemoryChatMutes mutes = new InMemoryChatMutes();

    @Override
    protected ChatMutes mutes() {
        return mutes;
    }
}
