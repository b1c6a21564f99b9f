package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.NodeId;
import dev.chat.application.port.RouteTable;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The route table of a single process: the embedded default, where every node is this one, and
 * tests of several nodes in one JVM.
 *
 * <p>{@link #nodesOf(UserId)} runs for every recipient of every message, so it takes no lock and
 * allocates nothing in the common case: each user's routes are an immutable snapshot, swapped on
 * change, that carries its set of nodes ready-made. Each route points at the lease it was made
 * under; a lease that ran out stays ended even if its node renews (that starts a new lease object),
 * so a late clean-up of the old lease can never remove a route made under the new one.
 *
 * <p>Routes of an ended lease are invisible at once and dropped when found: all of them when the
 * node renews too late or is forgotten, and a user's when its snapshot is next read or changed.
 */
@Singleton
@Requires(property = "chat.routes.backend", value = "inprocess", defaultValue = "inprocess")
public final class InProcessRouteTable implements RouteTable {
    /** Stands for the lease of a node that has none: routes made under it are never returned. */
    private static final Lease NO_LEASE = Lease.ended();

    private final Clock clock;
    private final ConcurrentHashMap<NodeId, Lease> leases = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<UserId, Routes> byUser = new ConcurrentHashMap<>();

    @Inject
    public InProcessRouteTable(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Optional<NodeId> register(Device device, NodeId node) {
        Lease lease = leases.getOrDefault(node, NO_LEASE);
        Route route = new Route(device.id(), node, lease);
        Route[] replaced = new Route[1];
        long now = clock.millis();
        byUser.compute(device.user(), (user, routes) -> Routes.with(routes, route, replaced, now));
        Route before = replaced[0];
        if (before != null && before.lease != lease) {
            before.lease.devices.remove(device);
        }
        if (lease != NO_LEASE) {
            lease.devices.add(device);
        }
        return before != null && !before.node.equals(node) && before.lease.liveAt(now)
                ? Optional.of(before.node) : Optional.empty();
    }

    @Override
    public void unregister(Device device, NodeId node) {
        Route[] removed = new Route[1];
        long now = clock.millis();
        byUser.computeIfPresent(device.user(), (user, routes) -> routes.without(device.id(), node, removed, now));
        if (removed[0] != null) {
            removed[0].lease.devices.remove(device);
        }
    }

    @Override
    public Set<NodeId> nodesOf(UserId user) {
        Routes routes = byUser.get(user);
        if (routes == null) {
            return Set.of();
        }
        long now = clock.millis();
        if (routes.allLiveAt(now)) {
            return routes.nodes;
        }
        Routes pruned = byUser.computeIfPresent(user, (u, current) -> current.liveAt(now));
        return pruned == null ? Set.of() : pruned.nodes;
    }

    @Override
    public boolean renew(NodeId node, Duration lease) {
        long now = clock.millis();
        long until = now + lease.toMillis();
        boolean[] extended = new boolean[1];
        Lease[] lapsed = new Lease[1];
        leases.compute(node, (n, current) -> {
            if (current != null && current.extend(now, until)) {
                extended[0] = true;
                return current;
            }
            if (current != null) {
                current.end();
                lapsed[0] = current;
            }
            return new Lease(until);
        });
        if (lapsed[0] != null) {
            drop(lapsed[0]);
        }
        return extended[0];
    }

    @Override
    public void forget(NodeId node) {
        Lease lease = leases.remove(node);
        if (lease != null) {
            lease.end();
            drop(lease);
        }
    }

    /** How many routes are kept, live or not yet dropped: for tests that check nothing is left behind. */
    int keptRoutes() {
        return byUser.values().stream().mapToInt(routes -> routes.routes.length).sum();
    }

    private void drop(Lease ended) {
        long now = clock.millis();
        for (Device device : ended.devices) {
            byUser.computeIfPresent(device.user(), (user, routes) -> routes.liveAt(now));
        }
        ended.devices.clear();
    }

    /** One node's lease; once ended it never lives again, a renewal after that is a new lease. */
    private static final class Lease {
        private volatile long endMillis;
        private volatile boolean ended;
        /** The devices routed under this lease, so that its end drops them without a scan of every user. */
        final Set<Device> devices = ConcurrentHashMap.newKeySet();

        Lease(long endMillis) {
            this.endMillis = endMillis;
        }

        static Lease ended() {
            Lease lease = new Lease(Long.MIN_VALUE);
            lease.ended = true;
            return lease;
        }

        boolean liveAt(long nowMillis) {
            return !ended && nowMillis < endMillis;
        }

        /** Extends a live lease; a lapsed one ends here for good (a clock stepped back must not revive it). */
        synchronized boolean extend(long nowMillis, long untilMillis) {
            if (!liveAt(nowMillis)) {
                ended = true;
                return false;
            }
            endMillis = untilMillis;
            return true;
        }

        synchronized void end() {
            ended = true;
        }
    }

    private record Route(DeviceId device, NodeId node, Lease lease) {
    }

    /** One user's routes, never changed once built; {@code nodes} is what {@link #nodesOf} hands out. */
    private static final class Routes {
        final Route[] routes;
        final Set<NodeId> nodes;

        private Routes(Route[] routes) {
            this.routes = routes;
            Set<NodeId> distinct = new HashSet<>();
            for (Route route : routes) {
                distinct.add(route.node);
            }
            this.nodes = Set.copyOf(distinct);
        }

        boolean allLiveAt(long nowMillis) {
            for (Route route : routes) {
                if (!route.lease.liveAt(nowMillis)) {
                    return false;
                }
            }
            return true;
        }

        /** The user's routes with this one in place of any earlier route of its device; ended routes go too. */
        static Routes with(Routes current, Route route, Route[] replaced, long nowMillis) {
            Route[] existing = current == null ? new Route[0] : current.routes;
            Route[] next = new Route[existing.length + 1];
            int size = 0;
            for (Route kept : existing) {
                if (kept.device.equals(route.device)) {
                    replaced[0] = kept;
                } else if (kept.lease.liveAt(nowMillis)) {
                    next[size++] = kept;
                }
            }
            next[size++] = route;
            return new Routes(Arrays.copyOf(next, size));
        }

        /** Without the device's route if it points at the node; null when no route is left. */
        Routes without(DeviceId device, NodeId node, Route[] removed, long nowMillis) {
            Route[] next = new Route[routes.length];
            int size = 0;
            for (Route kept : routes) {
                if (kept.device.equals(device) && kept.node.equals(node)) {
                    removed[0] = kept;
                } else if (kept.lease.liveAt(nowMillis)) {
                    next[size++] = kept;
                }
            }
            if (size == routes.length) {
                return this;
            }
            return size == 0 ? null : new Routes(Arrays.copyOf(next, size));
        }

        /** Only the routes under live leases; null when none is left. */
        Routes liveAt(long nowMillis) {
            if (allLiveAt(nowMillis)) {
                return this;
            }
            Route[] next = Arrays.stream(routes).filter(r -> r.lease.liveAt(nowMillis)).toArray(Route[]::new);
            return next.length == 0 ? null : new Routes(next);
        }
    }
}
