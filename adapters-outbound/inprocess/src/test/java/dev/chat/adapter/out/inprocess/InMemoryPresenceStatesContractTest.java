package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceStates;
import dev.chat.application.port.contract.PresenceStatesContract;

class InMemoryPresenceStatesContractTest extends PresenceStatesContract {
    private final InMemoryPresenceStates states = new InMemoryPresenceStates();

    @Override
    protected PresenceStates states() {
        return states;
    }
}
