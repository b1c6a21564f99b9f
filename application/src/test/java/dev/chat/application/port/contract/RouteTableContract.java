package dev.chat.application.port.contract;

import dev.chat.application.port.NodeId;
import dev.chat.application.port.RouteTable;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link RouteTable} promises (see its javadoc); an adapter's test extends this and
 * supplies the adapter. Leases are timed by a {@link ManualClock} the test moves, so that a lease
 * running out takes no waiting.
 */
public abstract class RouteTableContract {
    protected static final Duration LEASE = Duration.ofSeconds(10);

    /** A new, empty table whose leases run by this clock. */
    protected abstract RouteTable newTable(Clock clock);

    protected final ManualClock clock = new ManualClock();
    protected RouteTable table;
    protected NodeId a;
    protected NodeId b;
    protected NodeId c;

    @BeforeEach
    void liveNodes() {
        table = newTable(clock);
        a = node("a");
        b = node("b");
        c = node("c");
        // a node starts its lease before it registers anything; a first renewal finds no lease before it
        for (NodeId node : List.of(a, b, c)) {
            assertThat(table.renew(node, LEASE)).as("first renewal of %s", node).isFalse();
        }
    }

    /** A fresh node id: each incarnation of a process has a new one. */
    protected static NodeId node(String name) {
        return new NodeId(name + "-" + UUID.randomUUID());
    }

    protected static Device device(UserId user, String id) {
        return new Device(user, new DeviceId(id));
    }

    @Test
    void a_registered_device_routes_its_user_to_its_node() {
        UserId alice = userId();

        assertThat(table.register(device(alice, "phone"), a)).isEmpty();

        assertThat(table.nodesOf(alice)).containsExactly(a);
    }

    @Test
    void a_user_with_no_device_anywhere_has_no_nodes() {
        assertThat(table.nodesOf(userId())).isEmpty();
    }

    @Test
    void two_devices_of_a_user_on_two_nodes_route_to_both_until_one_leaves() {
        UserId alice = userId();
        table.register(device(alice, "phone"), a);
        table.register(device(alice, "laptop"), b);

        assertThat(table.nodesOf(alice)).containsExactlyInAnyOrder(a, b);

        table.unregister(device(alice, "phone"), a);
        assertThat(table.nodesOf(alice)).containsExactly(b);
        table.unregister(device(alice, "laptop"), b);
        assertThat(table.nodesOf(alice)).isEmpty();
    }

    @Test
    void a_node_stays_a_users_node_while_any_of_the_users_devices_is_on_it() {
        UserId alice = userId();
        table.register(device(alice, "phone"), a);
        table.register(device(alice, "laptop"), a);

        table.unregister(device(alice, "phone"), a);

        assertThat(table.nodesOf(alice)).containsExactly(a);
    }

    @Test
    void users_do_not_share_routes() {
        UserId alice = userId();
        UserId bob = userId();
        table.register(device(alice, "phone"), a);
        table.register(device(bob, "phone"), b);

        assertThat(table.nodesOf(alice)).containsExactly(a);
        assertThat(table.nodesOf(bob)).containsExactly(b);
    }

    @Test
    void registering_a_device_on_another_node_answers_the_previous_node_and_moves_the_route() {
        UserId alice = userId();
        Device phone = device(alice, "phone");
        table.register(phone, a);

        assertThat(table.register(phone, b)).contains(a);

        assertThat(table.nodesOf(alice)).containsExactly(b);
        assertThat(table.register(phone, b)).as("registering again on the node that holds it").isEmpty();
        assertThat(table.nodesOf(alice)).containsExactly(b);
    }

    @Test
    void a_late_unregister_by_the_old_node_leaves_the_newer_route() {
        UserId alice = userId();
        Device phone = device(alice, "phone");
        table.register(phone, a);
        table.register(phone, b);

        table.unregister(phone, a);

        assertThat(table.nodesOf(alice)).containsExactly(b);
        table.unregister(phone, b);
        assertThat(table.nodesOf(alice)).isEmpty();
    }

    @Test
    void unregistering_a_device_that_has_no_route_changes_nothing() {
        UserId alice = userId();
        table.register(device(alice, "phone"), a);

        table.unregister(device(alice, "tablet"), a);
        table.unregister(device(userId(), "phone"), a);

        assertThat(table.nodesOf(alice)).containsExactly(a);
    }

    @Test
    void a_node_that_stops_renewing_loses_its_routes_when_its_lease_runs_out() {
        UserId alice = userId();
        table.register(device(alice, "phone"), a);
        table.register(device(alice, "laptop"), b);

        clock.advance(LEASE.dividedBy(2).plusSeconds(1));
        assertThat(table.renew(b, LEASE)).isTrue();
        assertThat(table.nodesOf(alice)).as("both leases are still live").containsExactlyInAnyOrder(a, b);

        clock.advance(LEASE.dividedBy(2).plusSeconds(1));
        assertThat(table.nodesOf(alice)).as("a's lease ran out, b renewed").containsExactly(b);
        assertThat(table.nodesOf(List.of(alice))).isEqualTo(Map.of(alice, Set.of(b)));
    }

    @Test
    void a_lease_lasts_its_whole_duration_and_not_beyond() {
        UserId alice = userId();
        table.register(device(alice, "phone"), a);

        clock.advance(LEASE.minusMillis(1));
        assertThat(table.nodesOf(alice)).containsExactly(a);

        clock.advance(Duration.ofMillis(1));
        assertThat(table.nodesOf(alice)).isEmpty();
    }

    @Test
    void renewing_is_true_while_the_lease_is_live_and_keeps_the_routes() {
        UserId alice = userId();
        table.register(device(alice, "phone"), a);

        for (int i = 0; i < 5; i++) {
            clock.advance(LEASE.minusSeconds(1));
            assertThat(table.renew(a, LEASE)).as("renewal %d", i).isTrue();
        }

        assertThat(table.nodesOf(alice)).containsExactly(a);
    }

    @Test
    void renewing_after_the_lease_ran_out_is_false_and_the_node_must_register_again() {
        UserId alice = userId();
        Device phone = device(alice, "phone");
        table.register(phone, a);
        clock.advance(LEASE.plusSeconds(1));

        assertThat(table.renew(a, LEASE)).isFalse();

        assertThat(table.nodesOf(alice)).as("the routes of the lapsed lease were dropped").isEmpty();
        assertThat(table.renew(a, LEASE)).as("the renewal that answered false started a fresh lease").isTrue();
        table.register(phone, a);
        assertThat(table.nodesOf(alice)).containsExactly(a);
    }

    @Test
    void a_node_that_never_renewed_has_no_lease_and_its_routes_are_not_returned() {
        UserId alice = userId();
        NodeId newcomer = node("newcomer");

        table.register(device(alice, "phone"), newcomer);
        table.register(device(alice, "laptop"), a);

        assertThat(table.nodesOf(alice)).containsExactly(a);
    }

    @Test
    void a_device_that_moved_off_a_lapsed_node_routes_to_its_new_node() {
        UserId alice = userId();
        Device phone = device(alice, "phone");
        table.register(phone, a);
        clock.advance(LEASE.dividedBy(2));
        table.renew(b, LEASE);
        clock.advance(LEASE.dividedBy(2).plusSeconds(1));

        table.register(phone, b);

        assertThat(table.nodesOf(alice)).containsExactly(b);
        table.unregister(phone, a);
        assertThat(table.nodesOf(alice)).containsExactly(b);
    }

    @Test
    void forget_drops_every_route_of_the_node_and_no_other() {
        UserId alice = userId();
        UserId bob = userId();
        table.register(device(alice, "phone"), a);
        table.register(device(alice, "laptop"), b);
        table.register(device(bob, "phone"), a);

        table.forget(a);

        assertThat(table.nodesOf(alice)).containsExactly(b);
        assertThat(table.nodesOf(bob)).isEmpty();
        assertThat(table.renew(a, LEASE)).as("a forgotten node has no lease left to renew").isFalse();
        assertThat(table.nodesOf(bob)).as("renewing does not bring forgotten routes back").isEmpty();
    }

    @Test
    void nodes_of_many_users_at_once_omit_users_with_no_route() {
        UserId alice = userId();
        UserId bob = userId();
        UserId nobody = userId();
        UserId lapsed = userId();
        table.register(device(alice, "phone"), a);
        table.register(device(alice, "laptop"), b);
        table.register(device(bob, "phone"), c);
        table.register(device(lapsed, "phone"), node("never-renewed"));

        Map<UserId, Set<NodeId>> nodes = table.nodesOf(List.of(alice, bob, nobody, lapsed));

        assertThat(nodes).isEqualTo(Map.of(alice, Set.of(a, b), bob, Set.of(c)));
        assertThat(table.nodesOf(List.of())).isEmpty();
    }

    @Test
    void concurrent_registers_and_unregisters_end_consistent() throws Exception {
        List<NodeId> nodes = List.of(a, b, c);
        int users = 60;
        int devicesPerUser = 4;
        List<UserId> everyone = new ArrayList<>();
        Map<UserId, Set<NodeId>> expected = new HashMap<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            UserId user = userId();
            everyone.add(user);
            Set<NodeId> finalNodes = new HashSet<>();
            for (int d = 0; d < devicesPerUser; d++) {
                Device device = device(user, "device-" + d);
                NodeId first = nodes.get((u + d) % nodes.size());
                NodeId second = nodes.get((u + d + 1) % nodes.size());
                boolean leavesInTheEnd = d == 0;
                if (!leavesInTheEnd) {
                    finalNodes.add(second);
                }
                // one thread per device: the devices of a user race each other on the same user's routes
                work.add(() -> {
                    for (int round = 0; round < 20; round++) {
                        table.register(device, first);
                        table.register(device, second);
                        table.unregister(device, first);
                    }
                    if (leavesInTheEnd) {
                        table.unregister(device, second);
                    }
                    return null;
                });
            }
            if (!finalNodes.isEmpty()) {
                expected.put(user, finalNodes);
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (Future<Void> done : pool.invokeAll(work, 60, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(table.nodesOf(everyone)).isEqualTo(expected);
        for (UserId user : everyone) {
            assertThat(table.nodesOf(user)).isEqualTo(expected.getOrDefault(user, Set.of()));
        }
    }
}
