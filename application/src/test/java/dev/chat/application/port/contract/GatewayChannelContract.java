package dev.chat.application.port.contract;

import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.NodeId;
import dev.chat.domain.chat.ChatChange;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * What every {@link GatewayChannel} promises (see its javadoc); an adapter's test extends this and
 * supplies the adapter. Receipt is awaited, so an adapter may deliver on threads of its own. That
 * nothing arrived is shown by order: a batch sent later by the same sender to the same node
 * arrives, and the earlier one did not arrive before it.
 */
public abstract class GatewayChannelContract {
    /** A new channel of the adapter under test, with no inbox open. */
    protected abstract GatewayChannel newChannel();

    protected GatewayChannel channel;

    @BeforeEach
    void newChannelPerTest() {
        channel = newChannel();
    }

    /** An inbox that remembers every batch it was given, in order. */
    protected static final class RecordingInbox implements GatewayChannel.Inbox {
        private final List<List<Delivery>> batches = new ArrayList<>();

        @Override
        public synchronized void receive(List<Delivery> batch) {
            batches.add(List.copyOf(batch));
        }

        public synchronized List<List<Delivery>> batches() {
            return List.copyOf(batches);
        }

        public synchronized int size() {
            return batches.size();
        }
    }

    protected static NodeId node(String name) {
        return new NodeId(name + "-" + UUID.randomUUID());
    }

    /** A batch that cannot be mistaken for any other. */
    protected static List<Delivery> batch(String tag) {
        return List.of(new Delivery.Displace(new Device(userId(), new DeviceId(tag))));
    }

    private RecordingInbox opened(NodeId node) {
        RecordingInbox inbox = new RecordingInbox();
        channel.open(node, inbox);
        return inbox;
    }

    private static void awaitBatches(RecordingInbox inbox, int count) {
        Eventually.await(count + " batches arrived", () -> inbox.size() >= count);
    }

    @Test
    void only_the_addressed_node_receives_a_batch() {
        NodeId a = node("a");
        NodeId b = node("b");
        RecordingInbox atA = opened(a);
        RecordingInbox atB = opened(b);
        List<Delivery> forA = batch("for-a");
        List<Delivery> forB = batch("for-b");

        channel.send(a, forA);
        channel.send(b, forB);

        awaitBatches(atA, 1);
        awaitBatches(atB, 1);
        assertThat(atA.batches()).containsExactly(forA);
        assertThat(atB.batches()).containsExactly(forB);
    }

    @Test
    void the_batches_of_one_sender_to_one_node_arrive_in_the_order_sent() {
        NodeId a = node("a");
        RecordingInbox atA = opened(a);
        List<List<Delivery>> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<Delivery> batch = batch("b" + i);
            sent.add(batch);
            channel.send(a, batch);
        }

        awaitBatches(atA, sent.size());
        assertThat(atA.batches()).containsExactlyElementsOf(sent);
    }

    @Test
    void several_senders_at_once_each_keep_their_order_and_nothing_is_lost() throws Exception {
        NodeId a = node("a");
        RecordingInbox atA = opened(a);
        int senders = 4;
        int perSender = 100;
        List<List<List<Delivery>>> sentBy = new ArrayList<>();
        List<Callable<Void>> work = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            List<List<Delivery>> sent = new ArrayList<>();
            for (int i = 0; i < perSender; i++) {
                sent.add(batch("s" + s + "-" + i));
            }
            sentBy.add(sent);
            work.add(() -> {
                sent.forEach(batch -> channel.send(a, batch));
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        try {
            for (Future<Void> done : pool.invokeAll(work, 30, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        awaitBatches(atA, senders * perSender);
        List<List<Delivery>> received = atA.batches();
        assertThat(received).hasSize(senders * perSender);
        for (List<List<Delivery>> sent : sentBy) {
            assertThat(received.stream().filter(sent::contains).toList()).containsExactlyElementsOf(sent);
        }
    }

    @Test
    void a_batch_arrives_whole_with_every_kind_of_delivery() {
        NodeId a = node("a");
        RecordingInbox atA = opened(a);
        UserId alice = userId();
        UserId bob = userId();
        ChatId chat = chatId();
        List<Delivery> sent = new ArrayList<>(List.of(
                new Delivery.OfMessage(message(chat, 7, alice), List.of(alice, bob)),
                new Delivery.OfChatChange(new ChatChange(chat, ChatChange.Kind.RENAMED, alice, alice, Optional.of("Tea")),
                        List.of(bob)),
                new Delivery.OfPresence(Presence.neverSeen(alice), List.of(bob)),
                new Delivery.Displace(new Device(bob, new DeviceId("phone")))));
        List<Delivery> expected = List.copyOf(sent);

        channel.send(a, sent);
        // a sender may reuse its list once send returned
        sent.clear();

        awaitBatches(atA, 1);
        assertThat(atA.batches()).containsExactly(expected);
    }

    @Test
    void a_batch_for_a_node_that_never_opened_is_dropped_without_an_error() {
        NodeId a = node("a");
        List<Delivery> lost = batch("lost");

        assertThatCode(() -> channel.send(a, lost)).doesNotThrowAnyException();

        RecordingInbox atA = opened(a);
        List<Delivery> later = batch("later");
        channel.send(a, later);
        awaitBatches(atA, 1);
        assertThat(atA.batches()).as("the earlier batch was not kept for the node").containsExactly(later);
    }

    @Test
    void a_closed_node_receives_nothing_more_and_a_batch_for_it_is_dropped() {
        NodeId a = node("a");
        RecordingInbox before = opened(a);
        List<Delivery> first = batch("first");
        channel.send(a, first);
        awaitBatches(before, 1);

        channel.close(a);
        List<Delivery> whileClosed = batch("while-closed");
        assertThatCode(() -> channel.send(a, whileClosed)).doesNotThrowAnyException();

        RecordingInbox after = opened(a);
        List<Delivery> third = batch("third");
        channel.send(a, third);
        awaitBatches(after, 1);
        assertThat(after.batches()).containsExactly(third);
        assertThat(before.batches()).containsExactly(first);
    }

    @Test
    void a_node_that_opens_again_after_closing_receives_again() {
        NodeId a = node("a");
        opened(a);
        channel.close(a);
        RecordingInbox reopened = opened(a);

        List<Delivery> batch = batch("again");
        channel.send(a, batch);

        awaitBatches(reopened, 1);
        assertThat(reopened.batches()).containsExactly(batch);
    }

    @Test
    void closing_one_node_leaves_the_others_open() {
        NodeId a = node("a");
        NodeId b = node("b");
        opened(a);
        RecordingInbox atB = opened(b);

        channel.close(a);
        List<Delivery> forB = batch("for-b");
        channel.send(b, forB);

        awaitBatches(atB, 1);
        assertThat(atB.batches()).containsExactly(forB);
    }
}
