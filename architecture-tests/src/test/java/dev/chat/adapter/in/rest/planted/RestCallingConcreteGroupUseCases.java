package dev.chat.adapter.in.rest.planted;

import dev.chat.application.planted.RenamingStandIn;
import dev.chat.application.planted.SweepingStandIn;

/**
 * Planted violation, twice: an inbound adapter creating concrete use cases, one behind a nested
 * {@code ...UseCase} interface and one behind a {@code ...UseCases} interface.
 */
public final class RestCallingConcreteGroupUseCases {
    public void rename(String name) {
        new RenamingStandIn().rename(name);
    }

    public void sweep() {
        new SweepingStandIn().sweepPresence();
    }
}
