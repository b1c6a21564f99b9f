package dev.chat.application.port;

import dev.chat.domain.device.Device;
import dev.chat.domain.user.UserId;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Outbound port: which gateway node holds which user's devices (the seed's routing table,
 * user/device to gateway instance). A device is routed to one node, the one that holds its newest
 * connection.
 *
 * <p>Routes live under <b>node leases</b>: a node renews its lease every so often, and a node that
 * stops renewing (it died without saying so) loses every route when its lease runs out, without
 * anyone deleting them one by one. A renewal is one write per node, not one per device.
 *
 * <p>Guarantees an adapter must keep (checked by {@code RouteTableContract}):
 * <ul>
 *   <li>A route registered under a live lease is returned by {@link #nodesOf} until it is
 *       unregistered, replaced by a newer registration of the same device, or its node's lease
 *       runs out.</li>
 *   <li>{@link #register} answers the node that held the device before, if it was another node, so
 *       that the newer connection can displace the older one there.</li>
 *   <li>{@link #unregister} removes a device's route only while it still points at that node: a
 *       late close on the old node never removes the route of the device's newer connection.</li>
 * </ul>
 */
public interface RouteTable {
    /** Routes the device to the node. Returns the node that held the device before, when it was another one. */
    Optional<NodeId> register(Device device, NodeId node);

    /** Removes the device's route if it still points at the node; otherwise does nothing. */
    void unregister(Device device, NodeId node);

    /** The nodes that hold at least one device of the user under a live lease; empty when none does. */
    Set<NodeId> nodesOf(UserId user);

    /** {@link #nodesOf(UserId)} for many users at once; users with no device anywhere are absent. */
    default Map<UserId, Set<NodeId>> nodesOf(Collection<UserId> users) {
        Map<UserId, Set<NodeId>> result = new HashMap<>();
        for (UserId user : users) {
            Set<NodeId> nodes = nodesOf(user);
            if (!nodes.isEmpty()) {
                result.put(user, nodes);
            }
        }
        return result;
    }

    /**
     * Keeps the node's routes alive for {@code lease} from now. Returns false when the node's
     * previous lease had run out (or it never had one): its routes were dropped, and the node must
     * register its devices again.
     */
    boolean renew(NodeId node, Duration lease);

    /** Drops every route of the node at once: it is shutting down. */
    void forget(NodeId node);
}
