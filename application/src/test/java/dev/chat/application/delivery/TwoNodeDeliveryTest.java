package dev.chat.application.delivery;

import dev.chat.application.chats.AddMember;
import dev.chat.application.chats.GroupChanges;
import dev.chat.application.chats.KnownUsers;
import dev.chat.application.chats.RenameGroup;
import dev.chat.application.identity.People;
import dev.chat.application.identity.TimeOrderedIds;
import dev.chat.application.messaging.Acknowledge;
import dev.chat.application.messaging.SendMessage;
import dev.chat.application.messaging.SendMessageCommand;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryMessageLog;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.application.port.memory.InMemoryUserRepository;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessagePolicy;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.ERIN;
import static dev.chat.application.identity.People.FRANK;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway nodes over one shared log, route table, gateway channel and metadata: every device
 * gets every message once and in order whichever node it is on, a node receives only what is for
 * its own devices, pushes go only to users with no device anywhere, and a device that moves to the
 * other node while messages keep coming catches up without a gap or a duplicate. Node 1 subscribed
 * first, so it stores and fans out everything (the log's consumer group gives it all).
 */
class TwoNodeDeliveryTest {
    private final Clock clock = Clock.systemUTC();
    private final InMemoryUserRepository users = People.withAccounts(ALICE, BOB, CAROL, DAVE, ERIN, FRANK);
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore();
    private final InMemoryMessageLog log = InMemoryMessageLog.withConsumerGroups();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final Cluster cluster = new Cluster(chats, new InMemoryMessageStore(), offsets, notifier, ChatMetrics.NONE,
            clock).withPresence(dev.chat.application.presence.SimplePresenceStore::new,
            dev.chat.application.port.PrivacySettings.OPEN, dev.chat.domain.presence.PresencePolicy.DEFAULT,
            Duration.ZERO);
    private final ExecutorService catchUp = Executors.newFixedThreadPool(2);
    private final TimeOrderedIds ids = new TimeOrderedIds();
    private final Node one = joined("node-1");
    private final Node two = joined("node-2");
    private final SendMessage sendOnOne = sender();
    private final SendMessage sendOnTwo = sender();
    private final DirectChat aliceAndBob = chats.saveDirect(DirectChat.between(ALICE.id(), BOB.id()));

    @AfterEach
    void stop() {
        catchUp.shutdownNow();
    }

    private Node joined(String name) {
        Node node = cluster.node(name, catchUp);
        log.subscribe(LogSubscriptions.STORE, node.storing);
        log.subscribe(LogSubscriptions.DELIVERY, node.fanOut);
        return node;
    }

    private SendMessage sender() {
        return new SendMessage(chats, log, ids, new MessagePolicy(4096), ChatMetrics.NONE, clock);
    }

    private Group group(String name, User admin, User... members) {
        Set<UserId> others = new java.util.LinkedHashSet<>();
        for (User member : members) {
            others.add(member.id());
        }
        Group group = Group.create(new ChatId(UUID.randomUUID()), new GroupName(name), admin.id(), others,
                log.head(aliceAndBob.id()), GroupPolicy.DEFAULT);
        chats.saveGroup(group);
        return group;
    }

    private RecordingSink connected(Node node, User user, String device) {
        RecordingSink sink = new RecordingSink();
        node.connect(user.id(), device, sink);
        await(() -> !sink.caughtUp().isEmpty(), user.username() + "'s " + device + " caught up");
        return sink;
    }

    private Message send(SendMessage on, User from, String device, ChatId chat, String body) {
        return on.send(new SendMessageCommand(new Device(from.id(), new DeviceId(device)), chat,
                new ClientMessageId(UUID.randomUUID().toString()), body)).toCompletableFuture().join();
    }

    @Test
    void devicesOnBothNodesGetEveryMessageOnceAndInOrderAndEachNodeOnlyWhatIsForItsDevices() {
        RecordingSink alicesPhone = connected(one, ALICE, "phone");
        RecordingSink bobsPhone = connected(two, BOB, "phone");
        RecordingSink carolsPhone = connected(one, CAROL, "phone");
        RecordingSink carolsLaptop = connected(two, CAROL, "laptop");
        Node three = joined("node-3");
        RecordingSink davesPhone = connected(three, DAVE, "phone");
        Group club = group("Book club", ALICE, BOB, CAROL);

        List<Message> direct = new ArrayList<>();
        List<Message> inClub = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            direct.add(send(sendOnOne, ALICE, "phone", aliceAndBob.id(), "a" + i));
            direct.add(send(sendOnTwo, BOB, "phone", aliceAndBob.id(), "b" + i));
            inClub.add(send(sendOnTwo, CAROL, "laptop", club.id(), "c" + i));
            inClub.add(send(sendOnOne, ALICE, "phone", club.id(), "g" + i));
        }

        assertThat(bobsPhone.messages()).as("Bob gets Alice's, not his own")
                .containsExactlyElementsOf(merged(from(direct, ALICE), inClub));
        assertThat(alicesPhone.messages()).containsExactlyElementsOf(
                merged(from(direct, BOB), except(inClub, ALICE, "phone")));
        assertThat(carolsPhone.messages()).as("her phone gets her laptop's group messages")
                .containsExactlyElementsOf(inClub);
        assertThat(carolsLaptop.messages()).containsExactlyElementsOf(except(inClub, CAROL, "laptop"));
        assertThat(davesPhone.messages()).isEmpty();

        assertThat(messageDeliveries(one)).as("node 1 holds Alice and Carol: every direct and every group message")
                .hasSize(80);
        assertThat(messageDeliveries(two)).as("node 2 holds Bob and Carol").hasSize(80);
        assertThat(messageDeliveries(three)).as("node 3 holds only Dave, who is in neither chat").isEmpty();
        for (Node node : List.of(one, two)) {
            for (Delivery.OfMessage delivery : messageDeliveries(node)) {
                assertThat(delivery.recipients()).as("only users with a device on " + node.id)
                        .allSatisfy(user -> assertThat(node.devices.sessionsOf(user)).isNotEmpty());
            }
        }
        assertThat(notifier.sent()).as("everyone in these chats has a device somewhere").isEmpty();
    }

    @Test
    void aUserConnectedOnlyToTheOtherNodeGetsNoPushButOneWithNoDeviceAnywhereDoes() {
        connected(two, BOB, "phone");
        Group club = group("Book club", ALICE, BOB, ERIN);

        Message hello = send(sendOnOne, ALICE, "phone", club.id(), "hello");

        assertThat(notifier.recipients()).as("node 1 fans out; Bob is on node 2, Erin nowhere, Alice sent it")
                .containsExactly(ERIN.id());
        assertThat(notifier.sent().get(0).message()).isEqualTo(hello);
    }

    @Test
    void aMemberAddedThroughNodeOneGetsTheNextMessageOnNodeTwo() {
        Group club = group("Book club", ALICE, BOB);
        RecordingSink erinsPhone = connected(two, ERIN, "phone");
        RecordingSink bobsPhone = connected(two, BOB, "phone");
        Message before = send(sendOnTwo, BOB, "phone", club.id(), "before Erin");
        AddMember addOnOne = new AddMember(new GroupChanges(chats, one.chatEvents), new KnownUsers(users), log,
                GroupPolicy.DEFAULT);

        addOnOne.add(People.caller(ALICE), club.id(), ERIN.id());
        Message next = send(sendOnTwo, BOB, "phone", club.id(), "welcome Erin");

        assertThat(erinsPhone.messages()).containsExactly(next);
        assertThat(erinsPhone.chatChanges()).extracting(DeviceEvent.ChatChanged::change)
                .containsExactly(DeviceEvent.ChatChanged.Change.MEMBER_ADDED);
        assertThat(bobsPhone.chatChanges()).as("told on node 2 of a change made through node 1").hasSize(1);
        assertThat(bobsPhone.messages()).doesNotContain(before, next);
    }

    @Test
    void aDeviceMovingToNodeTwoWhileNodeOneKeepsSendingCatchesUpWithoutGapOrDuplicate() throws Exception {
        Device danasPhone = new Device(DAVE.id(), new DeviceId("phone"));
        DirectChat daveAndFrank = chats.saveDirect(DirectChat.between(DAVE.id(), FRANK.id()));
        RecordingSink onOne = connected(one, DAVE, "phone");
        List<Message> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean sending = new AtomicBoolean(true);
        Thread frank = new Thread(() -> {
            for (int i = 0; sending.get() && i < 5_000; i++) {
                sent.add(send(sendOnOne, FRANK, "laptop", daveAndFrank.id(), "m" + i));
            }
        });
        frank.start();
        await(() -> onOne.messages().size() >= 200, "Dave's phone got 200 messages on node 1");
        Acknowledge acknowledge = new Acknowledge(chats, offsets, log);
        List<Message> receivedOnOne = onOne.messages();
        Message acknowledged = receivedOnOne.get(receivedOnOne.size() - 1);
        acknowledge.acknowledge(danasPhone, daveAndFrank.id(), acknowledged.position());

        one.connect.disconnect(one.devices.sessionOf(danasPhone).orElseThrow());
        RecordingSink onTwo = new RecordingSink();
        two.connect(DAVE.id(), "phone", onTwo);
        await(() -> sent.size() >= 1_000, "1,000 messages sent");
        sending.set(false);
        frank.join(TimeUnit.SECONDS.toMillis(30));
        Message last = sent.get(sent.size() - 1);
        await(() -> onTwo.messages().contains(last), "Dave's phone on node 2 got the last message");

        List<Long> expected = sent.stream().map(m -> m.position().value())
                .filter(p -> p > acknowledged.position().value()).toList();
        assertThat(onTwo.positions()).as("everything after the acknowledged position, once, in order")
                .containsExactlyElementsOf(expected);
        assertThat(onTwo.caughtUp()).hasSize(1);
    }

    @Test
    void aDeviceConnectingToTheOtherNodeDisplacesItsOlderConnectionWhoseLateCloseKeepsTheNewRoute() {
        RecordingSink onOne = connected(one, ALICE, "phone");
        RecordingSink onTwo = connected(two, ALICE, "phone");
        Device phone = new Device(ALICE.id(), new DeviceId("phone"));

        assertThat(onOne.disconnectReasons()).containsExactly(DisconnectReason.REPLACED);
        one.connect.disconnect(one.devices.sessionOf(phone).orElseThrow()); // the gateway's close callback
        assertThat(cluster.routes.nodesOf(ALICE.id())).containsExactly(two.id);
        Message hello = send(sendOnOne, BOB, "phone", aliceAndBob.id(), "hello");
        assertThat(onTwo.messages()).containsExactly(hello);
        assertThat(onOne.messages()).isEmpty();
    }

    @Test
    void aPresenceChangeOnOneNodeReachesTheSubscribedDeviceOnTheOther() {
        RecordingSink alicesPhone = connected(two, ALICE, "phone");
        DeviceSession alices = two.devices.sessionOf(new Device(ALICE.id(), new DeviceId("phone"))).orElseThrow();
        new dev.chat.application.presence.SubscribePresence(two.presenceSubscriptions,
                new dev.chat.application.presence.QueryPresence(two.presence))
                .subscribe(People.caller(ALICE), alices, Set.of(BOB.id()));

        connected(one, BOB, "phone");

        assertThat(alicesPhone.presenceChanges()).extracting(p -> p.user() + " " + p.online())
                .containsExactly(BOB.id() + " true");
    }

    @Test
    void aDeviceThatOnlySendsUnderLoadDoesNotReplayItsOwnMessagesWhenItReconnects() throws Exception {
        DirectChat daveAndFrank = chats.saveDirect(DirectChat.between(DAVE.id(), FRANK.id()));
        Device franksLaptop = new Device(FRANK.id(), new DeviceId("laptop"));
        connected(one, FRANK, "laptop");
        RecordingSink davesPhone = connected(two, DAVE, "phone");
        ExecutorService senders = Executors.newFixedThreadPool(2);
        java.util.concurrent.Future<?> frank = senders.submit(() -> {
            for (int i = 0; i < 1_000; i++) {
                send(sendOnOne, FRANK, "laptop", daveAndFrank.id(), "f" + i);
            }
        });
        java.util.concurrent.Future<?> elsewhere = senders.submit(() -> {
            for (int i = 0; i < 1_000; i++) {
                send(sendOnTwo, ALICE, "phone", aliceAndBob.id(), "a" + i);
            }
        });
        frank.get(30, TimeUnit.SECONDS);
        elsewhere.get(30, TimeUnit.SECONDS);
        senders.shutdown();
        await(() -> davesPhone.messages().size() == 1_000, "Dave got Frank's 1,000 messages");

        one.connect.disconnect(one.devices.sessionOf(franksLaptop).orElseThrow());
        RecordingSink again = connected(two, FRANK, "laptop");

        assertThat(again.messages()).as("its own messages: it has their accepted frames").isEmpty();
        Position last = davesPhone.messages().get(999).position();
        assertThat(offsets.offsetsOf(franksLaptop)).as("moved past its own run without an ack")
                .containsEntry(daveAndFrank.id(), last);
    }

    @Test
    void twoNodesRenamingAndAddingMembersToOneGroupAtOnceLoseNoChange() throws Exception {
        List<User> newcomers = People.crowd(40);
        InMemoryUserRepository everyone = People.withAccounts(
                java.util.stream.Stream.concat(java.util.stream.Stream.of(ALICE, BOB), newcomers.stream()).toList());
        Group club = group("Book club", ALICE, BOB);
        RecordingSink bobsPhone = connected(two, BOB, "phone");
        RenameGroup renameOnOne = new RenameGroup(new GroupChanges(chats, one.chatEvents));
        AddMember addOnTwo = new AddMember(new GroupChanges(chats, two.chatEvents), new KnownUsers(everyone), log,
                GroupPolicy.DEFAULT);
        ExecutorService both = Executors.newFixedThreadPool(4);
        List<java.util.concurrent.Future<?>> changes = new ArrayList<>();
        for (int i = 0; i < newcomers.size(); i++) {
            String name = "Club " + i;
            User newcomer = newcomers.get(i);
            changes.add(both.submit(() -> retryOnConflict(() -> renameOnOne.rename(People.caller(ALICE), club.id(), name))));
            changes.add(both.submit(() -> retryOnConflict(() -> addOnTwo.add(People.caller(ALICE), club.id(), newcomer.id()))));
        }
        for (java.util.concurrent.Future<?> change : changes) {
            change.get(30, TimeUnit.SECONDS);
        }
        both.shutdown();

        Group after = (Group) chats.findById(club.id()).orElseThrow();
        assertThat(after.members()).extracting(m -> m.userId())
                .containsAll(newcomers.stream().map(User::id).toList());
        assertThat(after.version()).as("one stored version per change, none lost").isEqualTo(1 + 2L * newcomers.size());
        assertThat(bobsPhone.chatChanges()).as("Bob, on node 2, is told of every change from either node")
                .hasSize(2 * newcomers.size());
    }

    /** What a client does with a {@code conflict}: send the same change again. */
    private static void retryOnConflict(Runnable change) {
        for (int attempt = 0; ; attempt++) {
            try {
                change.run();
                return;
            } catch (dev.chat.domain.RejectedException e) {
                if (e.rejection() != dev.chat.domain.Rejection.CONFLICT || attempt > 20) {
                    throw e;
                }
            }
        }
    }

    private List<Delivery.OfMessage> messageDeliveries(Node node) {
        return cluster.channel.deliveriesTo(node.id).stream()
                .filter(Delivery.OfMessage.class::isInstance).map(Delivery.OfMessage.class::cast).toList();
    }

    private static List<Message> from(List<Message> messages, User sender) {
        return messages.stream().filter(m -> m.sender().equals(sender.id())).toList();
    }

    private static List<Message> except(List<Message> messages, User sender, String device) {
        return messages.stream()
                .filter(m -> !(m.sender().equals(sender.id()) && m.senderDevice().equals(new DeviceId(device))))
                .toList();
    }

    /** Both lists as one device receives them: in log order. */
    private static List<Message> merged(List<Message> a, List<Message> b) {
        List<Message> all = new ArrayList<>(a);
        all.addAll(b);
        all.sort(java.util.Comparator.comparing(m -> m.position().value()));
        return all;
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
