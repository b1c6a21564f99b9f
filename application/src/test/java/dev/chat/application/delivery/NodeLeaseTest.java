package dev.chat.application.delivery;

import dev.chat.application.port.NodeId;
import dev.chat.application.port.memory.InMemoryGatewayChannel;
import dev.chat.application.port.memory.InMemoryRouteTable;
import dev.chat.application.port.contract.ManualClock;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A node's lease on the route table: joining, renewing, losing it in a long pause, and leaving. */
class NodeLeaseTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock();
    private final InMemoryRouteTable routes = new InMemoryRouteTable(clock);
    private final InMemoryGatewayChannel channel = new InMemoryGatewayChannel();
    private final ConnectedDevices devices = new ConnectedDevices();
    private final NodeId self = new NodeId("node-1");
    private final NodeLease lease = new NodeLease(self, LEASE, routes, channel, devices, batch -> { });
    private final UserId ada = new UserId(UUID.randomUUID());

    private void connected(String device) {
        DeviceSession session = new DeviceSession(new Device(ada, new DeviceId(device)), new RecordingSink());
        devices.register(session);
        routes.register(session.device(), self);
    }

    @Test
    void aNodeRenewsEveryThirdOfItsLeaseSoOneMissedRenewalLosesNothing() {
        lease.join();
        connected("phone");
        assertThat(lease.renewalInterval()).isEqualTo(Duration.ofSeconds(10));

        clock.advance(Duration.ofSeconds(20));
        lease.renew();
        clock.advance(Duration.ofSeconds(20));

        assertThat(routes.nodesOf(ada)).containsExactly(self);
    }

    @Test
    void aNodeWhoseLeaseRanOutInAPauseRegistersItsDevicesAgain() {
        lease.join();
        connected("phone");
        connected("laptop");
        clock.advance(LEASE.plusSeconds(1));
        assertThat(routes.nodesOf(ada)).as("the table dropped the routes of a lease that ran out").isEmpty();

        lease.renew();

        assertThat(routes.nodesOf(ada)).containsExactly(self);
        routes.unregister(new Device(ada, new DeviceId("phone")), self);
        assertThat(routes.nodesOf(ada)).as("both devices were registered again").containsExactly(self);
    }

    @Test
    void aNodeThatLeavesReceivesNothingMoreAndItsRoutesAreGoneAtOnce() {
        lease.join();
        connected("phone");

        lease.leave();
        channel.send(self, java.util.List.of(new dev.chat.application.port.GatewayChannel.Delivery.Displace(
                new Device(ada, new DeviceId("phone")))));

        assertThat(routes.nodesOf(ada)).isEmpty();
        assertThat(channel.receivedBy(self)).isZero();
        assertThat(channel.dropped()).isEqualTo(1);
    }
}
