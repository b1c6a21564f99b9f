package dev.chat.adapter.out.kafka.join;

import dev.chat.adapter.out.kafka.membership.ChatMembers;
import dev.chat.adapter.out.kafka.membership.MembershipRecords;
import dev.chat.application.delivery.DeliveryRouter;
import dev.chat.application.delivery.FanOut;
import dev.chat.application.delivery.RecordingNotifier;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.memory.InMemoryGatewayChannel;
import dev.chat.application.port.memory.InMemoryRouteTable;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The join's topology in Kafka Streams' test driver, with the application's real fan-out behind it
 * (in-memory route table and gateway channel): who gets each message as memberships and messages
 * arrive in either order.
 */
class MembershipJoinTopologyTest {
    private static final NodeId GATEWAY = new NodeId("gw-1");
    private static final UserId ALICE = user();
    private static final UserId BOB = user();
    private static final UserId CAROL = user();
    private static final ChatId CHAT = new ChatId(UUID.randomUUID());
    private static final ChatId OTHER = new ChatId(UUID.randomUUID());

    private final InMemoryRouteTable routes = new InMemoryRouteTable();
    private final InMemoryGatewayChannel channel = new InMemoryGatewayChannel();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final JoinCounters counters = new JoinCounters();
    private final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();
    private TopologyTestDriver driver;
    private TestInputTopic<byte[], byte[]> memberships;
    private TestInputTopic<byte[], byte[]> messages;
    private long nextPosition = 100;

    @BeforeEach
    void start() {
        routes.renew(GATEWAY, java.time.Duration.ofHours(1));
        for (UserId user : List.of(ALICE, BOB, CAROL)) {
            routes.register(new Device(user, new DeviceId("phone")), GATEWAY);
        }
        channel.open(GATEWAY, batch -> { });
        DeliveryRouter router = new DeliveryRouter(routes, channel);
        Properties properties = new Properties();
        properties.put(StreamsConfig.APPLICATION_ID_CONFIG, "join-test");
        properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(MembershipJoinTopology.build("memberships", "stored",
                view -> {
                    FanOut fanOut = new FanOut(view, router, notifier);
                    return batch -> {
                        batches.incrementAndGet();
                        fanOut.accept(batch);
                    };
                }, counters, () -> true), properties);
        memberships = driver.createInputTopic("memberships", new ByteArraySerializer(), new ByteArraySerializer());
        messages = driver.createInputTopic("stored", new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void a_message_goes_to_the_members_of_the_version_its_sender_saw_who_joined_before_it() {
        membership(CHAT, 1, member(ALICE, 0), member(BOB, 0));
        Message hello = message(CHAT, ALICE, 1);

        assertThat(recipientsOf(hello)).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(counters.waited()).isZero();
        assertThat(counters.tableReads()).isPositive();
    }

    @Test
    void a_message_that_arrives_before_its_membership_waits_for_it_and_keeps_its_place() {
        membership(CHAT, 1, member(ALICE, 0), member(BOB, 0));
        membership(OTHER, 1, member(ALICE, 0), member(CAROL, 0));
        // carol was added at version 2 (joined at 50) and bob sent twice having seen it, before the capture brought it
        Message first = message(CHAT, BOB, 2);
        Message second = message(CHAT, BOB, 2);
        // a message stamped with an older version, behind them in the same chat, waits too: order per chat
        Message third = message(CHAT, ALICE, 1);
        Message elsewhere = message(OTHER, ALICE, 0);

        assertThat(delivered()).extracting(Message::id).containsExactly(elsewhere.id());
        assertThat(counters.waited()).isEqualTo(3);

        membership(CHAT, 2, member(ALICE, 0), member(BOB, 0), member(CAROL, 50));

        assertThat(delivered()).extracting(Message::id).containsExactly(elsewhere.id(), first.id(), second.id(),
                third.id());
        assertThat(recipientsOf(first)).containsExactlyInAnyOrder(ALICE, BOB, CAROL);
        assertThat(counters.released()).isEqualTo(3);
    }

    @Test
    void a_member_removed_gets_nothing_stamped_at_or_after_the_removal_even_when_the_message_overtakes_it() {
        membership(CHAT, 1, member(ALICE, 0), member(BOB, 0), member(CAROL, 0));
        // the race: carol is removed (version 2); alice's next send saw version 2 and reaches the join first
        Message afterRemoval = message(CHAT, ALICE, 2);
        assertThat(delivered()).isEmpty();

        membership(CHAT, 2, member(ALICE, 0), member(BOB, 0));

        assertThat(recipientsOf(afterRemoval)).containsExactlyInAnyOrder(ALICE, BOB);
        assertThat(notifier.recipients()).doesNotContain(CAROL);
    }

    @Test
    void a_member_added_gets_what_follows_the_position_they_joined_at_and_nothing_before() {
        membership(CHAT, 1, member(ALICE, 0));
        Message before = message(CHAT, ALICE, 1);
        long joinedAt = nextPosition - 1; // the head when bob was added: the last message's position
        membership(CHAT, 2, member(ALICE, 0), member(BOB, joinedAt));
        Message after = message(CHAT, ALICE, 2);

        assertThat(recipientsOf(before)).containsExactly(ALICE);
        assertThat(recipientsOf(after)).containsExactlyInAnyOrder(ALICE, BOB);
    }

    @Test
    void a_repeated_or_older_membership_is_ignored() {
        membership(CHAT, 3, member(ALICE, 0));
        membership(CHAT, 2, member(ALICE, 0), member(BOB, 0));
        membership(CHAT, 3, member(ALICE, 0), member(BOB, 0));

        assertThat(recipientsOf(message(CHAT, ALICE, 3))).containsExactly(ALICE);
        assertThat(counters.staleMembershipUpdates()).isEqualTo(2);
    }

    @Test
    void a_deleted_chat_lets_go_of_what_waited_for_it_and_delivers_nothing() {
        message(CHAT, ALICE, 4);
        memberships.pipeInput(MembershipRecords.key(CHAT), (byte[]) null);
        flushTime();

        assertThat(counters.released()).isEqualTo(1);
        message(CHAT, ALICE, 0);
        assertThat(counters.messages()).as("planned once, for nobody").isEqualTo(1);
        assertThat(delivered()).isEmpty();
        assertThat(notifier.sent()).isEmpty();
    }

    @Test
    void what_is_ready_goes_to_the_fan_out_as_one_batch_per_flush() {
        membership(CHAT, 1, member(ALICE, 0), member(BOB, 0));
        long before = counters.messages();
        int batchesBefore = batches.get();
        List<Message> sent = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Message m = new Message(new MessageId(UUID.randomUUID()), CHAT, new Position(nextPosition++), ALICE,
                    new DeviceId("laptop"), new ClientMessageId("b" + i), new MessageBody("hi"), Instant.now());
            messages.pipeInput(StoredMessages.key(m), StoredMessages.value(m, 1));
            sent.add(m);
        }
        assertThat(counters.messages()).as("nothing before the flush").isEqualTo(before);

        flushTime();

        assertThat(delivered()).extracting(Message::id).containsExactlyElementsOf(sent.stream().map(Message::id).toList());
        assertThat(batches.get() - batchesBefore).as("the five in one call of the fan-out").isEqualTo(1);
    }

    @Test
    void an_unreadable_record_is_skipped_and_counted_and_the_next_one_is_joined() {
        membership(CHAT, 1, member(ALICE, 0), member(BOB, 0));
        messages.pipeInput(MembershipRecords.key(CHAT), new byte[] {7, 7, 7});
        memberships.pipeInput(MembershipRecords.key(OTHER), new byte[] {9});

        assertThat(counters.unreadable()).isEqualTo(2);
        assertThat(recipientsOf(message(CHAT, BOB, 1))).containsExactlyInAnyOrder(ALICE, BOB);
    }

    private void membership(ChatId chat, long version, Membership... members) {
        memberships.pipeInput(MembershipRecords.key(chat),
                MembershipRecords.value(new ChatMembers(chat, version, Arrays.asList(members))));
        flushTime();
    }

    /** Past the join's flush interval (and any pause a slow fan-out imposed): what is ready goes to the fan-out. */
    private void flushTime() {
        driver.advanceWallClockTime(java.time.Duration.ofMillis(SharedFanOut.MAX_PAUSE_MILLIS + 10));
    }

    private Message message(ChatId chat, UserId sender, long chatVersion) {
        Message message = new Message(new MessageId(UUID.randomUUID()), chat, new Position(nextPosition++), sender,
                new DeviceId("laptop"), new ClientMessageId("c" + nextPosition), new MessageBody("hi"),
                Instant.parse("2026-12-02T10:00:00Z"));
        messages.pipeInput(StoredMessages.key(message), StoredMessages.value(message, chatVersion));
        flushTime();
        return message;
    }

    /** Every message handed to the gateway, in the order it got them. */
    private List<Message> delivered() {
        List<Message> delivered = new ArrayList<>();
        for (Delivery delivery : channel.deliveriesTo(GATEWAY)) {
            if (delivery instanceof Delivery.OfMessage m && !delivered.contains(m.message())) {
                delivered.add(m.message());
            }
        }
        return delivered;
    }

    private List<UserId> recipientsOf(Message message) {
        return channel.deliveriesTo(GATEWAY).stream()
                .filter(d -> d instanceof Delivery.OfMessage m && m.message().id().equals(message.id()))
                .flatMap(d -> ((Delivery.OfMessage) d).recipients().stream()).toList();
    }

    private static Membership member(UserId user, long since) {
        return new Membership(user, Role.MEMBER, new Position(since));
    }

    private static UserId user() {
        return new UserId(UUID.randomUUID());
    }
}
