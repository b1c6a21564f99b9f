package dev.chat.application.port.memory;

import dev.chat.application.port.PresenceSessionRevocations;
import dev.chat.application.port.contract.PresenceSessionRevocationsContract;

class InMemoryPresenceSessionRevocationsTest extends PresenceSessionRevocationsContract {
    private final InMemoryPresenceSessionRevocations revocations = new InMemoryPresenceSessionRevocations();

    @Override
    protected PresenceSessionRevocations revocations() {
        return revocations;
    }
}
