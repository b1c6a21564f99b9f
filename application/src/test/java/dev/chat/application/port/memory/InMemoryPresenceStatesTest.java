package dev.chat.application.port.memory;

import dev.chat.application.port.PresenceStates;
import dev.chat.application.port.contract.PresenceStatesContract;

class InMemoryPresenceStatesTest extends PresenceStatesContract {
    private final InMemoryPresenceStates states = new InMemoryPresenceStates();

    @Override
    protected PresenceStates states() {
        return states;
    }
}
