package dev.chat.application.port.memory;

import dev.chat.application.port.NodeId;
import dev.chat.application.port.RouteTable;
import dev.chat.domain.device.Device;
import dev.chat.domain.user.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A route table in one map, for use-case tests: simple and synchronized, with leases on the given clock. */
public final class InMemoryRouteTable implements RouteTable {
    private final Clock clock;
    private final Map<Device, NodeId> routes = new HashMap<>();
    private final Map<NodeId, Instant> leases = new HashMap<>();

    public InMemoryRouteTable(Clock clock) {
        this.clock = clock;
    }

    public InMemoryRouteTable() {
        this(Clock.systemUTC());
    }

    @Override
    public synchronized Optional<NodeId> register(Device device, NodeId node) {
        expire();
        NodeId before = routes.put(device, node);
        return before == null || before.equals(node) || !leases.containsKey(before) ? Optional.empty()
                : Optional.of(before);
    }

    @Override
    public synchronized void unregister(Device device, NodeId node) {
        routes.remove(device, node);
    }

    @Override
    public synchronized Set<NodeId> nodesOf(UserId user) {
        expire();
        Set<NodeId> nodes = new LinkedHashSet<>();
        routes.forEach((device, node) -> {
            if (device.user().equals(user) && leases.containsKey(node)) {
                nodes.add(node);
            }
        });
        return nodes;
    }

    @Override
    public synchronized boolean renew(NodeId node, Duration lease) {
        expire();
        Instant previous = leases.put(node, clock.instant().plus(lease));
        return previous != null;
    }

    @Override
    public synchronized void forget(NodeId node) {
        leases.remove(node);
        routes.values().removeIf(node::equals);
    }

    private void expire() {
        Instant now = clock.instant();
        leases.entrySet().removeIf(lease -> {
            if (!lease.getValue().isAfter(now)) {
                routes.values().removeIf(lease.getKey()::equals);
                return true;
            }
            return false;
        });
    }
}
