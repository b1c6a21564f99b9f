package dev.chat.application.delivery;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.NodeId;
import dev.chat.application.presence.DecideHere;
import dev.chat.application.presence.PresenceTracker;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/** One gateway node's delivery, wired as bootstrap's UseCaseFactory wires it, over its cluster's shared ports. */
public final class Node {
    public final NodeId id;
    public final ConnectedDevices devices = new ConnectedDevices();
    public final PresenceSubscriptions presenceSubscriptions = new PresenceSubscriptions();
    public final DeliveryRouter router;
    public final LocalDelivery inbox;
    public final NodeLease lease;
    public final StoreMessages storing;
    public final FanOut fanOut;
    public final PresenceTracker presence;
    private final DecideHere presenceClaims;
    public final ConnectDevice connect;
    public final ChatEvents chatEvents;

    Node(String name, Cluster cluster, Executor catchUp) {
        this.id = new NodeId(name);
        this.router = new DeliveryRouter(cluster.routes, cluster.channel);
        this.inbox = new LocalDelivery(devices, presenceSubscriptions, cluster.metrics, cluster.clock);
        // scenes move their clocks by minutes; routes lapsing is specified with the route table itself
        this.lease = new NodeLease(id, Duration.ofDays(3650), cluster.routes, cluster.channel, devices, inbox);
        this.storing = new StoreMessages(cluster.store);
        this.fanOut = new FanOut(new MembersFromChatRepository(cluster.chats), router, cluster.notifier);
        this.presence = new PresenceTracker(id, cluster.presenceStores.get(), cluster.presenceClaims(),
                cluster.presenceStates, cluster.chats, cluster.presencePolicy, cluster.clock, cluster.privacy);
        this.presenceClaims = cluster.presenceClaims();
        this.connect = new ConnectDevice(id, cluster.chats, cluster.store, cluster.offsets, devices, cluster.routes,
                router, presenceSubscriptions, presence, catchUp);
        this.chatEvents = new ChatEvents(router);
    }

    /** The periodic part of presence, as bootstrap schedules it: this node's view, then the decider's held-back announcements. */
    public void sweepPresence() {
        presence.sweep();
        presenceClaims.sweep();
    }

    /** What the log's two subscriptions do with a batch, in their order: store it, then fan it out. */
    public void handle(List<Message> batch) {
        storing.accept(batch);
        fanOut.accept(batch);
    }

    /**
     * Given the user's device is connected here and has caught up (on a node whose catch-up runs at
     * once), so that what follows reaches it live: returns its sink.
     */
    public RecordingSink live(dev.chat.domain.user.User user, String device) {
        RecordingSink sink = new RecordingSink();
        connect(user.id(), device, sink);
        return sink;
    }

    public DeviceSession connect(UserId user, String device, DeviceSink sink) {
        return connect.connect(new Caller(user, new Username("user-" + Math.abs(user.hashCode() % 100000))),
                new DeviceId(device), sink);
    }
}
