package dev.chat.application.presence;

import dev.chat.application.port.PresenceClaims;

/**
 * Claims decided in this process, at once, by one decider for every user: the embedded default,
 * where the one node is the whole cluster (its decider is made with
 * {@link PresenceDecider#NODES_NEVER_LAPSE}).
 */
public final class DecideHere implements PresenceClaims {
    private final PresenceDecider decider;

    public DecideHere(PresenceDecider decider) {
        this.decider = decider;
    }

    @Override
    public void send(Claim claim) {
        decider.onClaim(claim);
    }

    /** Announces what coalescing held back. Called periodically with the node's own sweep. */
    public void sweep() {
        decider.sweep();
    }
}
