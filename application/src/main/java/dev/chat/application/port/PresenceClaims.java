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
    /** What {@code node} sees of {@code user}: alive there or not, and the user's last sign of life there. */
    record Claim(UserId user, NodeId node, boolean alive, Instant lastSeen) {
        public Claim {
            Require.present(user, "user");
            Require.present(node, "node");
            Require.present(lastSeen, "last seen");
        }
    }

    /** Hands the claim on; returns without waiting for the decision. */
    void send(Claim claim);
}
