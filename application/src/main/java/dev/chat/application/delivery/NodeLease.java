package dev.chat.application.delivery;

import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.RouteTable;

import java.time.Duration;
import java.util.logging.Logger;

/**
 * This node's membership of the cluster: its inbox on the gateway channel and its lease on the
 * route table. Renewed every third of the lease, so one missed renewal loses nothing; if the lease
 * ran out anyway (a long pause), the table dropped this node's routes and they are registered again.
 */
public final class NodeLease {
    private static final Logger LOG = Logger.getLogger(NodeLease.class.getName());

    private final NodeId self;
    private final Duration lease;
    private final RouteTable routes;
    private final GatewayChannel channel;
    private final ConnectedDevices devices;
    private final GatewayChannel.Inbox inbox;

    public NodeLease(NodeId self, Duration lease, RouteTable routes, GatewayChannel channel, ConnectedDevices devices,
                     GatewayChannel.Inbox inbox) {
        this.self = self;
        this.lease = lease;
        this.routes = routes;
        this.channel = channel;
        this.devices = devices;
        this.inbox = inbox;
    }

    public NodeId self() {
        return self;
    }

    /** How often {@link #renew} must run. */
    public Duration renewalInterval() {
        return lease.dividedBy(3);
    }

    /** Opens this node's inbox and takes its lease, before any device connects. */
    public void join() {
        channel.open(self, inbox);
        routes.renew(self, lease);
    }

    public void renew() {
        if (!routes.renew(self, lease)) {
            int again = 0;
            for (DeviceSession session : devices.all()) {
                if (!session.isClosed()) {
                    routes.register(session.device(), self);
                    again++;
                }
            }
            LOG.warning("the route table lease of node " + self + " had run out; registered " + again
                    + " devices again");
        }
    }

    /** Leaves the cluster: nothing more is delivered here and every route to this node is dropped at once. */
    public void leave() {
        channel.close(self);
        routes.forget(self);
    }
}
