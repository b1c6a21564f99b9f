package dev.chat.application.port;

import dev.chat.domain.Require;
import dev.chat.domain.user.UserId;

import java.time.Instant;

/**
 * Outbound port: carries what one node sees of its users' liveness to the place that decides each
 * user's presence, once for the whole cluster. A node sends a claim only when its own view of a user
 * changes (alive here: a device connected here or heartbeats arriving here; or no longer), never per
 * heartbeat. On the embedded default the decision is made in the same process; in a cluster, by the
 * node that owns the user's partition.
 *
 * <p>An adapter keeps the claims of one user from one node in the order they were sent, and lets
 * the decider tell a node that died (its claims stop counting once its lease lapses).
 */
public interface PresenceClaims {
    /**
     * What {@code node} sees of {@code user}: alive there or not, and the user's last sign of life
     * there. {@code sequence} grows with each claim a node sends, so that of two claims about a user
     * from one node the later one wins whatever order they arrive in.
     */
    record Claim(UserId user, NodeId node, boolean alive, Instant lastSeen, long sequence) {
        public Claim {
            Require.present(user, "user");
            Require.present(node, "node");
            Require.present(lastSeen, "last seen");
        }

        /** A claim whose place among its node's claims is the order it arrives in. */
        public Claim(UserId user, NodeId node, boolean alive, Instant lastSeen) {
            this(user, node, alive, lastSeen, 0);
        }

        public Claim from(NodeId other) {
            return new Claim(user, other, alive, lastSeen, sequence);
        }
    }

    /**
     * Hands the claim on; returns without waiting for the decision, and without deciding or
     * announcing on the caller's thread (the caller may hold locks that an announcement, reaching
     * devices, could need).
     */
    void send(Claim claim);
}
