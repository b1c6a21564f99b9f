package dev.chat.application.delivery;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.application.port.contract.ManualClock;
import dev.chat.application.presence.PresenceTracker;
import dev.chat.application.presence.QueryPresence;
import dev.chat.application.presence.SimplePresenceStore;
import dev.chat.application.presence.SubscribePresence;
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
import dev.chat.domain.presence.Presence;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of a device's connection: it gets what it missed since its offset, then live
 * messages, with no gap and no duplicate even when messages arrive during its catch-up.
 */
class CatchUpThenLiveTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final UserId dana = new UserId(UUID.randomUUID());
    private final UserId omar = new UserId(UUID.randomUUID());
    private final DirectChat chat = DirectChat.between(dana, omar);
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore();
    private final Queue<Runnable> catchUps = new ArrayDeque<>();
    private final Executor manual = catchUps::add;
    private final Cluster cluster = new Cluster(chats, store, offsets, (user, message) -> { }, ChatMetrics.NONE, clock);
    private final Node node = cluster.node("node-1", manual);
    private final ConnectDevice connect = node.connect;
    private final Device tablet = new Device(dana, new DeviceId("tablet"));

    CatchUpThenLiveTest() {
        chats.saveDirect(chat);
    }

    @Test
    void aReconnectingDeviceGetsExactlyWhatFollowsItsOffsetThenCaughtUp() {
        node.handle(messages(1, 10));
        offsets.advance(tablet, chat.id(), new Position(4));
        RecordingSink sink = new RecordingSink();

        connect.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);
        runCatchUps();

        assertThat(sink.positions()).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(sink.last()).isEqualTo(new DeviceEvent.CaughtUp(6));
    }

    @Test
    void messagesArrivingDuringCatchUpFollowItWithoutGapOrDuplicate() {
        node.handle(messages(1, 5));
        RecordingSink sink = new RecordingSink();
        connect.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);

        // the device is registered; before its catch-up reads the store, more messages are stored and fanned out
        node.handle(messages(6, 8));
        assertThat(sink.positions()).as("held back until the catch-up ends").isEmpty();
        runCatchUps();
        node.handle(messages(9, 9));

        assertThat(sink.positions()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(sink.events).filteredOn(e -> e instanceof DeviceEvent.CaughtUp).hasSize(1);
    }

    @Test
    void aReplayOfWhatTheDeviceAcknowledgedBeforeReconnectingIsNotSentAgain() {
        node.handle(messages(1, 6));
        offsets.advance(tablet, chat.id(), new Position(6));
        RecordingSink sink = new RecordingSink();
        connect.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);
        runCatchUps();

        // a restarted worker hands the last batches to the gateways again (at least once)
        node.handle(messages(4, 7));

        assertThat(sink.positions()).containsExactly(7L);
    }

    @Test
    void aDisconnectedDeviceGetsNothingMore() {
        RecordingSink sink = new RecordingSink();
        DeviceSession session = connect.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);
        runCatchUps();
        connect.disconnect(session);
        node.handle(messages(1, 3));
        assertThat(sink.positions()).isEmpty();
        assertThat(node.devices.sessionsOf(dana)).isEmpty();
    }

    @Test
    void theSendingDeviceGetsNoCopyButTheSendersOtherDevicesDo() {
        RecordingSink phone = new RecordingSink();
        RecordingSink laptop = new RecordingSink();
        connect.connect(new Caller(omar, new Username("omar")), new DeviceId("phone"), phone);
        connect.connect(new Caller(omar, new Username("omar")), new DeviceId("laptop"), laptop);
        runCatchUps();
        node.handle(List.of(message(1, omar, "phone")));
        assertThat(phone.positions()).isEmpty();
        assertThat(laptop.positions()).containsExactly(1L);
    }

    @Test
    void aSlowDeviceMakesTheCatchUpWaitUntilItsQueueDrains() {
        node.handle(messages(1, 1_200));
        RecordingSink slow = RecordingSink.drainingAfter(3);

        connect.connect(new Caller(dana, new Username("dana")), tablet.id(), slow);
        runCatchUps();

        // asked after each message (a page can be longer than a small queue limit): nothing more while it is long
        assertThat(slow.messagesSentWhenAsked()).as("messages pushed each time the queue was asked")
                .startsWith(1, 1, 1, 1, 2, 3).hasSize(1_200 + 3);
        assertThat(slow.positions()).containsExactlyElementsOf(LongStream.rangeClosed(1, 1_200).boxed().toList());
        assertThat(slow.last()).isEqualTo(new DeviceEvent.CaughtUp(1_200));
    }

    @Test
    void aMemberCatchesUpOnlyOnWhatFollowedTheirJoiningAndOnEveryChatTheyAreIn() {
        Group club = Group.create(new ChatId(UUID.randomUUID()), new GroupName("Book club"), omar, Set.of(),
                Position.START, GroupPolicy.DEFAULT).addMember(omar, dana, new Position(3), GroupPolicy.DEFAULT);
        chats.saveGroup(club);
        node.handle(LongStream.rangeClosed(1, 5).mapToObj(p -> messageIn(club.id(), p)).toList());
        node.handle(messages(1, 2));
        RecordingSink sink = new RecordingSink();

        connect.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);
        runCatchUps();

        assertThat(sink.messages()).extracting(m -> m.chatId() + "@" + m.position())
                .containsExactlyInAnyOrder(chat.id() + "@1", chat.id() + "@2", club.id() + "@4", club.id() + "@5");
        assertThat(sink.last()).isEqualTo(new DeviceEvent.CaughtUp(4));
    }

    @Test
    void aDeviceThatDisconnectsBeforeItsCatchUpRunsGetsNothing() {
        node.handle(messages(1, 3));
        RecordingSink sink = new RecordingSink();
        DeviceSession session = connect.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);

        connect.disconnect(session);
        runCatchUps();
        node.handle(messages(4, 4));

        assertThat(sink.events).isEmpty();
        assertThat(node.devices.count()).isZero();
    }

    @Test
    void aCatchUpThatFailsDisconnectsTheDeviceWhichCanResumeFromItsOffsetLater() {
        MessageStore broken = new ForwardingStore(store) {
            @Override
            public List<Message> after(ChatId chat, Position after, int limit) {
                throw new IllegalStateException("the store is unreachable");
            }
        };
        ManualExecutor catchUp = new ManualExecutor();
        ConnectDevice connectToBrokenStore = new Cluster(chats, broken, offsets, (user, message) -> { },
                ChatMetrics.NONE, clock).node("node-2", catchUp).connect;
        node.handle(messages(1, 3));
        RecordingSink sink = new RecordingSink();

        connectToBrokenStore.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);
        catchUp.runAll();

        assertThat(sink.disconnectReasons()).containsExactly(DisconnectReason.CATCH_UP_FAILED);
        assertThat(sink.caughtUp()).isEmpty();
        assertThat(offsets.offsetsOf(tablet)).isEmpty();
    }

    @Test
    void connectingMakesTheUserOnlineAndDisconnectingStopsTheirPresenceNews() {
        ManualClock clock = new ManualClock();
        ManualExecutor catchUp = new ManualExecutor();
        Node withPresence = new Cluster(chats, store, offsets, (user, message) -> { }, ChatMetrics.NONE, clock)
                .withPresence(SimplePresenceStore::new, dev.chat.application.port.PrivacySettings.OPEN,
                        PresencePolicy.DEFAULT, Duration.ZERO)
                .node("node-3", catchUp);
        PresenceTracker tracker = withPresence.presence;
        ConnectDevice connectWithPresence = withPresence.connect;
        SubscribePresence subscribe = new SubscribePresence(withPresence.presenceSubscriptions,
                new QueryPresence(tracker));
        Caller danaCalls = new Caller(dana, new Username("dana"));
        RecordingSink danasTablet = new RecordingSink();
        DeviceSession danas = connectWithPresence.connect(danaCalls, tablet.id(), danasTablet);
        catchUp.runAll();
        subscribe.subscribe(danaCalls, danas, Set.of(omar));

        DeviceSession omars = connectWithPresence.connect(new Caller(omar, new Username("omar")),
                new DeviceId("phone"), new RecordingSink());
        assertThat(tracker.presenceOf(dana).online()).isTrue();
        assertThat(danasTablet.presenceChanges()).extracting(Presence::online).containsExactly(true);

        connectWithPresence.disconnect(danas);
        clock.advance(Duration.ofSeconds(1));
        connectWithPresence.disconnect(omars);

        assertThat(tracker.presenceOf(dana).online()).isFalse();
        assertThat(danasTablet.presenceChanges()).as("nothing after the disconnect").hasSize(1);
        assertThat(withPresence.devices.sessionsOf(dana)).isEmpty();
    }

    @Test
    void aDeviceIsNotSentItsOwnMessagesAgainAndItsOffsetMovesPastThemWithoutAnAck() {
        Device danasPhone = new Device(dana, new DeviceId("phone"));
        node.handle(List.of(message(1, dana, "phone"), message(2, dana, "phone"), message(3, dana, "phone")));
        RecordingSink sink = new RecordingSink();

        connect.connect(new Caller(dana, new Username("dana")), danasPhone.id(), sink);
        runCatchUps();

        assertThat(sink.positions()).as("it has their accepted frames").isEmpty();
        assertThat(offsets.offsetsOf(danasPhone)).containsEntry(chat.id(), new Position(3));
    }

    @Test
    void theOffsetMovesOnlyOverTheDevicesOwnRunNeverPastSomethingItWasNotGiven() {
        Device danasPhone = new Device(dana, new DeviceId("phone"));
        node.handle(List.of(message(1, dana, "phone"), message(2, dana, "phone"), message(3, omar, "phone"),
                message(4, dana, "phone"), message(5, dana, "tablet")));
        RecordingSink sink = new RecordingSink();

        connect.connect(new Caller(dana, new Username("dana")), danasPhone.id(), sink);
        runCatchUps();

        assertThat(sink.positions()).as("Omar's message and her tablet's, not her phone's own").containsExactly(3L, 5L);
        assertThat(offsets.offsetsOf(danasPhone)).as("up to her own run, short of Omar's message")
                .containsEntry(chat.id(), new Position(2));
    }

    private void runCatchUps() {
        while (!catchUps.isEmpty()) {
            catchUps.poll().run();
        }
    }

    private List<Message> messages(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(p -> message(p, omar, "phone")).toList();
    }

    private Message messageIn(ChatId chatId, long position) {
        return new Message(new MessageId(UUID.randomUUID()), chatId, new Position(position), omar,
                new DeviceId("phone"), new ClientMessageId("g" + position), new MessageBody("g" + position),
                clock.instant());
    }

    private Message message(long position, UserId sender, String device) {
        return new Message(new MessageId(UUID.randomUUID()), chat.id(), new Position(position), sender,
                new DeviceId(device), new ClientMessageId("c" + position), new MessageBody("m" + position),
                clock.instant());
    }
}
