package dev.chat.benchmarks.jmh;

import dev.chat.adapter.out.inprocess.InProcessGatewayChannel;
import dev.chat.adapter.out.inprocess.InProcessRouteTable;
import dev.chat.application.delivery.ConnectedDevices;
import dev.chat.application.delivery.DeliveryRouter;
import dev.chat.application.delivery.FanOut;
import dev.chat.application.delivery.LocalDelivery;
import dev.chat.application.delivery.PresenceSubscriptions;
import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.delivery.DeviceSink;
import dev.chat.application.delivery.DisconnectReason;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.MembershipView;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fan-out planning and hand-off for one message to a group of 50 members with a connected device
 * each, as the embedded default does it: membership lookup, route lookup, the hand-off through the
 * in-process gateway channel to the node's inbox, device lookup, per-device order check and the push. Storage and the
 * network are out of the picture (their cost is in the load generator's figures).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FanOutBenchmark {
    private FanOut fanOut;
    private ChatId groupId;
    private UserId sender;
    private long position;
    private final LongAdder pushed = new LongAdder();

    @Setup
    public void setUp() {
        Set<UserId> members = new LinkedHashSet<>();
        for (int i = 0; i < 49; i++) {
            members.add(new UserId(UUID.randomUUID()));
        }
        sender = new UserId(UUID.randomUUID());
        groupId = new ChatId(UUID.randomUUID());
        Group group = Group.create(groupId, new GroupName("bench"), sender, members, Position.START, GroupPolicy.DEFAULT);
        NodeId self = new NodeId("bench");
        ConnectedDevices devices = new ConnectedDevices();
        InProcessRouteTable routes = new InProcessRouteTable(Clock.systemUTC());
        InProcessGatewayChannel channel = new InProcessGatewayChannel();
        channel.open(self, new LocalDelivery(devices, new PresenceSubscriptions(), ChatMetrics.NONE, Clock.systemUTC()));
        routes.renew(self, java.time.Duration.ofHours(1));
        DeviceSink sink = new DeviceSink() {
            @Override
            public void push(DeviceEvent event) {
                pushed.increment();
            }

            @Override
            public int queued() {
                return 0;
            }

            @Override
            public void disconnect(DisconnectReason reason) {
            }
        };
        for (UserId member : members) {
            DeviceSession session = new DeviceSession(new Device(member, new DeviceId("phone")), sink);
            session.finishCatchUp(0);
            devices.register(session);
            routes.register(session.device(), self);
        }
        // what the embedded default's view does: the group's current members, copied per lookup
        MembershipView memberships = chat -> chat.equals(groupId) ? List.copyOf(group.members()) : List.of();
        fanOut = new FanOut(memberships, new DeliveryRouter(routes, channel),
                (recipient, message) -> { });
    }

    @Benchmark
    public long fanOutToFifty() {
        Message message = new Message(new MessageId(UUID.randomUUID()), groupId, new Position(++position), sender,
                new DeviceId("phone"), new ClientMessageId("m"), new MessageBody("hello group"), Instant.now());
        fanOut.accept(List.of(message));
        return pushed.sum();
    }
}
