package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceSessionRevocations;
import dev.chat.application.port.contract.PresenceSessionRevocationsContract;

class InMemoryPresenceSessionRevocationsContractTest extends PresenceSessionRevocationsContract {
    private final InMemoryPresenceSessionRevocations revocations = new InMemoryPresenceSessionRevocations();

    @Override
    protected PresenceSessionRevocations revocations() {
        return revocations;
    }
}
