package dev.chat.benchmarks.jmh;

import dev.chat.adapter.out.inprocess.LocalDeviceDirectory;
import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.delivery.DeviceSink;
import dev.chat.application.delivery.MessagePipeline;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
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
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;

/**
 * Fan-out planning and hand-off for one message to a group of 50 members with a connected device
 * each: membership lookup, device lookup, per-device order check and the push. Storage and the
 * network are out of the picture (their cost is in the load generator's figures).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FanOutBenchmark {
    private MessagePipeline pipeline;
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
        LocalDeviceDirectory directory = new LocalDeviceDirectory();
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
            public void disconnect(String reason) {
            }
        };
        for (UserId member : members) {
            DeviceSession session = new DeviceSession(new Device(member, new DeviceId("phone")), sink);
            session.finishCatchUp(0);
            directory.register(session);
        }
        ChatRepository chats = new ChatRepository() {
            @Override
            public DirectChat saveDirect(DirectChat chat) {
                return chat;
            }

            @Override
            public void saveGroup(Group g) {
            }

            @Override
            public Optional<Chat> findById(ChatId id) {
                return id.equals(groupId) ? Optional.of(group) : Optional.empty();
            }

            @Override
            public List<Chat> chatsOf(UserId user) {
                return List.of(group);
            }
        };
        MessageStore noStore = new MessageStore() {
            @Override
            public void storeAll(List<Message> messages) {
            }

            @Override
            public List<Message> after(ChatId chat, Position after, int limit) {
                return List.of();
            }

            @Override
            public Optional<Message> latest(ChatId chat) {
                return Optional.empty();
            }

            @Override
            public int countUnread(ChatId chat, Position after, UserId reader, int cap) {
                return 0;
            }
        };
        pipeline = new MessagePipeline(noStore, chats, directory, (user, message) -> { }, ChatMetrics.NONE,
                Clock.systemUTC());
    }

    @Benchmark
    public long fanOutToFifty() {
        Message message = new Message(new MessageId(UUID.randomUUID()), groupId, new Position(++position), sender,
                new DeviceId("phone"), new ClientMessageId("m"), new MessageBody("hello group"), Instant.now());
        pipeline.accept(List.of(message));
        return pushed.sum();
    }
}
