package dev.chat.application.delivery;

import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.RouteTable;
import dev.chat.domain.user.UserId;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sends deliveries only to the nodes that hold their recipients' devices, as the route table says:
 * no node gets what none of its devices needs. A batch gathers what is for each node and hands each
 * node its part once.
 */
public final class DeliveryRouter {
    private final RouteTable routes;
    private final GatewayChannel channel;

    public DeliveryRouter(RouteTable routes, GatewayChannel channel) {
        this.routes = routes;
        this.channel = channel;
    }

    /** Waits until the channel has every delivery sent so far ({@link GatewayChannel#flush()}). */
    public void flush() {
        channel.flush();
    }

    public Batch batch() {
        return new Batch();
    }

    /** The nodes of many users at once (one query on a shared route table); users with no device anywhere are absent. */
    public Map<UserId, Set<NodeId>> routesOf(Collection<UserId> users) {
        return routes.nodesOf(users);
    }

    /** The users grouped by the nodes that hold their devices; users with no device anywhere go to {@code unrouted}. */
    public Map<NodeId, List<UserId>> byNode(Collection<UserId> users, List<UserId> unrouted) {
        return byNode(users, routes.nodesOf(users), unrouted);
    }

    /** {@link #byNode(Collection, List)} with the routes already looked up ({@link #routesOf}). */
    public Map<NodeId, List<UserId>> byNode(Collection<UserId> users, Map<UserId, Set<NodeId>> routesOf,
                                            List<UserId> unrouted) {
        Map<NodeId, List<UserId>> byNode = new HashMap<>(4);
        for (UserId user : users) {
            Set<NodeId> nodes = routesOf.getOrDefault(user, Set.of());
            if (nodes.isEmpty()) {
                if (unrouted != null) {
                    unrouted.add(user);
                }
                continue;
            }
            for (NodeId node : nodes) {
                byNode.computeIfAbsent(node, n -> new ArrayList<>(4)).add(user);
            }
        }
        return byNode;
    }

    /** Hands one delivery to one node at once. */
    public void sendTo(NodeId node, Delivery delivery) {
        channel.send(node, List.of(delivery));
    }

    /** The deliveries of one unit of work (a log batch, a chat change), gathered per node. */
    public final class Batch {
        private final Map<NodeId, List<Delivery>> byNode = new HashMap<>(4);

        public void add(NodeId node, Delivery delivery) {
            byNode.computeIfAbsent(node, n -> new ArrayList<>()).add(delivery);
        }

        public boolean isEmpty() {
            return byNode.isEmpty();
        }

        /** Hands every node its deliveries, in the order they were added. */
        public void send() {
            byNode.forEach(channel::send);
            byNode.clear();
        }
    }
}
