package dev.chat.application.delivery;

import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.application.port.contract.ManualClock;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.User;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node's two log subscriptions on one batch: storing writes it to the chat contents, then the
 * fan-out hands every message to the members' connected devices and notifies members who have none.
 */
class StoreThenFanOutTest {
    private static final Instant SENT_AT = ManualClock.MORNING;

    private final List<String> journal = new ArrayList<>();
    private final JournalingStore store = new JournalingStore();
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final RecordingNotifier notifier = new RecordingNotifier();
    private final CountingMetrics metrics = new CountingMetrics();
    private final ManualClock clock = new ManualClock(SENT_AT.plusMillis(40));
    private final Cluster cluster = new Cluster(chats, store, new InMemoryOffsetStore(), notifier, metrics, clock);
    private final Node node = cluster.node("node-1", Runnable::run);
    private final DirectChat aliceAndBob = chats.saveDirect(DirectChat.between(ALICE.id(), BOB.id()));

    /** A message store that writes in the journal what it stored. */
    private final class JournalingStore extends ForwardingStore {
        JournalingStore() {
            super(new InMemoryMessageStore());
        }

        @Override
        public void storeAll(List<Message> messages) {
            super.storeAll(messages);
            messages.forEach(m -> journal.add("stored " + m.body().text()));
        }
    }

    /** A device that writes in the journal what it received. */
    private void journalingDevice(User user, String deviceId) {
        node.connect(user.id(), deviceId, new DeviceSink() {
            @Override
            public void push(DeviceEvent event) {
                if (event instanceof DeviceEvent.MessageReceived received) {
                    journal.add(deviceId + " got " + received.message().body().text());
                }
            }

            @Override
            public int queued() {
                return 0;
            }

            @Override
            public void disconnect(DisconnectReason reason) {
            }
        });
    }

    private RecordingSink live(User user, String device) {
        RecordingSink sink = new RecordingSink();
        node.connect(user.id(), device, sink);
        return sink;
    }

    private static Message said(ChatId chat, long position, User sender, String device, String text) {
        return new Message(new MessageId(UUID.randomUUID()), chat, new Position(position), sender.id(),
                new DeviceId(device), new ClientMessageId("c-" + position), new MessageBody(text), SENT_AT);
    }

    private Group bookClub(Position since, User admin, User... members) {
        Group club = Group.create(new ChatId(UUID.randomUUID()), new GroupName("Book club"), admin.id(), Set.of(),
                since, GroupPolicy.DEFAULT);
        for (User member : members) {
            club = club.addMember(admin.id(), member.id(), since, GroupPolicy.DEFAULT);
        }
        return chats.saveGroup(club);
    }

    @Test
    void storesTheWholeBatchBeforeAnyDeviceGetsAnyOfIt() {
        journalingDevice(BOB, "phone");

        node.handle(List.of(said(aliceAndBob.id(), 1, ALICE, "phone", "one"),
                said(aliceAndBob.id(), 2, ALICE, "phone", "two")));

        assertThat(journal).containsExactly("stored one", "stored two", "phone got one", "phone got two");
        assertThat(store.after(aliceAndBob.id(), Position.START, 10)).hasSize(2);
    }

    /** A device that writes in the journal what was held for it and when it was flushed. */
    private void bufferingDevice(User user, String deviceId) {
        node.connect(user.id(), deviceId, new DeviceSink() {
            @Override
            public void push(DeviceEvent event) {
                journal.add(deviceId + " pushed " + event.getClass().getSimpleName());
            }

            @Override
            public void pushHeld(DeviceEvent event) {
                journal.add(deviceId + " held " + ((DeviceEvent.MessageReceived) event).message().body().text());
            }

            @Override
            public void flush() {
                journal.add(deviceId + " flushed");
            }

            @Override
            public int queued() {
                return 0;
            }

            @Override
            public void disconnect(DisconnectReason reason) {
            }
        });
    }

    @Test
    void aBatchIsHeldForEachDeviceAndFlushedOnceAtItsEnd() {
        bufferingDevice(BOB, "phone");
        bufferingDevice(BOB, "laptop");
        journal.clear();

        node.handle(List.of(said(aliceAndBob.id(), 1, ALICE, "phone", "one"),
                said(aliceAndBob.id(), 2, ALICE, "phone", "two"), said(aliceAndBob.id(), 3, ALICE, "phone", "three")));

        List<String> deliveries = journal.stream().filter(line -> !line.startsWith("stored")).toList();
        assertThat(deliveries.stream().filter(line -> line.startsWith("phone")))
                .containsExactly("phone held one", "phone held two", "phone held three", "phone flushed");
        assertThat(deliveries.stream().filter(line -> line.startsWith("laptop")))
                .containsExactly("laptop held one", "laptop held two", "laptop held three", "laptop flushed");
        assertThat(deliveries.subList(deliveries.size() - 2, deliveries.size()))
                .as("the flushes come after the whole batch").containsExactlyInAnyOrder("phone flushed", "laptop flushed");
    }

    @Test
    void everyConnectedDeviceOfTheRecipientGetsTheMessage() {
        RecordingSink bobsPhone = live(BOB, "phone");
        RecordingSink bobsLaptop = live(BOB, "laptop");
        Message hello = said(aliceAndBob.id(), 1, ALICE, "phone", "hello");

        node.handle(List.of(hello));

        assertThat(bobsPhone.messages()).containsExactly(hello);
        assertThat(bobsLaptop.messages()).containsExactly(hello);
        assertThat(notifier.sent()).isEmpty();
    }

    @Test
    void theSendingDeviceGetsNoCopyButTheSendersOtherDevicesDo() {
        RecordingSink alicesPhone = live(ALICE, "phone");
        RecordingSink alicesLaptop = live(ALICE, "laptop");
        Message hello = said(aliceAndBob.id(), 1, ALICE, "phone", "hello");

        node.handle(List.of(hello));

        assertThat(alicesPhone.messages()).isEmpty();
        assertThat(alicesLaptop.messages()).containsExactly(hello);
    }

    @Test
    void aRecipientWithNoConnectedDeviceIsNotifiedButTheSenderNever() {
        Group club = bookClub(Position.START, ALICE, BOB, CAROL);
        RecordingSink carolsPhone = live(CAROL, "phone");
        Message hello = said(club.id(), 1, ALICE, "phone", "hello");

        node.handle(List.of(hello));

        assertThat(notifier.sent()).containsExactly(new RecordingNotifier.Notification(BOB.id(), hello));
        assertThat(carolsPhone.messages()).containsExactly(hello);
    }

    @Test
    void aMemberGetsNothingSentBeforeTheyJoined() {
        Group club = bookClub(new Position(10), ALICE, BOB);
        chats.saveGroup(club.addMember(ALICE.id(), CAROL.id(), new Position(12), GroupPolicy.DEFAULT));
        RecordingSink bobsPhone = live(BOB, "phone");
        RecordingSink carolsPhone = live(CAROL, "phone");
        Message beforeCarol = said(club.id(), 12, ALICE, "phone", "before Carol");
        Message afterCarol = said(club.id(), 13, ALICE, "phone", "after Carol");

        node.handle(List.of(beforeCarol, afterCarol));

        assertThat(bobsPhone.messages()).containsExactly(beforeCarol, afterCarol);
        assertThat(carolsPhone.messages()).containsExactly(afterCarol);
    }

    @Test
    void aMemberWithNoDeviceIsNotNotifiedOfWhatWasSentBeforeTheyJoined() {
        Group club = bookClub(new Position(10), ALICE, BOB);
        chats.saveGroup(club.addMember(ALICE.id(), CAROL.id(), new Position(12), GroupPolicy.DEFAULT));

        node.handle(List.of(said(club.id(), 11, ALICE, "phone", "before Carol")));

        assertThat(notifier.recipients()).containsExactly(BOB.id());
    }

    @Test
    void someoneRemovedFromTheGroupGetsNothingMore() {
        Group club = bookClub(Position.START, ALICE, BOB, CAROL);
        chats.saveGroup(club.removeMember(ALICE.id(), CAROL.id()));
        RecordingSink carolsPhone = live(CAROL, "phone");
        RecordingSink davesPhone = live(DAVE, "phone");

        node.handle(List.of(said(club.id(), 1, ALICE, "phone", "without Carol")));

        assertThat(carolsPhone.messages()).isEmpty();
        assertThat(davesPhone.messages()).isEmpty();
        assertThat(notifier.recipients()).containsExactly(BOB.id());
    }

    @Test
    void eachDeliveryIsMeasuredFromSendingToDelivery() {
        live(BOB, "phone");
        live(BOB, "laptop");

        node.handle(List.of(said(aliceAndBob.id(), 1, ALICE, "phone", "hello")));

        assertThat(metrics.deliveries()).containsExactly(Duration.ofMillis(40), Duration.ofMillis(40));
    }

    @Test
    void aMessageOfAChatThatIsGoneIsStoredAndGoesNowhere() {
        ChatId gone = new ChatId(UUID.randomUUID());
        RecordingSink bobsPhone = live(BOB, "phone");

        node.handle(List.of(said(gone, 1, ALICE, "phone", "hello?")));

        assertThat(store.after(gone, Position.START, 10)).hasSize(1);
        assertThat(bobsPhone.messages()).isEmpty();
        assertThat(notifier.sent()).isEmpty();
    }
}
