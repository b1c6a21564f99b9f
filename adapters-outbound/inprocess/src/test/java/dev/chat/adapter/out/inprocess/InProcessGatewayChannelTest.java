package dev.chat.adapter.out.inprocess;

import dev.chat.adapter.out.inprocess.InProcessGatewayChannel.Counts;
import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.contract.GatewayChannelContract;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The in-process channel keeps the {@link GatewayChannel} contract, delivers on the sender's thread and counts. */
class InProcessGatewayChannelTest extends GatewayChannelContract {
    private InProcessGatewayChannel adapter;

    @Override
    protected GatewayChannel newChannel() {
        adapter = new InProcessGatewayChannel();
        return adapter;
    }

    private static List<Delivery> displacing(int devices) {
        UserId user = new UserId(UUID.randomUUID());
        List<Delivery> batch = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            batch.add(new Delivery.Displace(new Device(user, new DeviceId("d" + i))));
        }
        return List.copyOf(batch);
    }

    @Test
    void a_batch_is_received_on_the_senders_thread_before_send_returns() {
        NodeId a = node("a");
        List<Thread> receivedOn = new ArrayList<>();
        adapter.open(a, batch -> receivedOn.add(Thread.currentThread()));

        adapter.send(a, displacing(1));

        assertThat(receivedOn).containsExactly(Thread.currentThread());
    }

    @Test
    void counts_what_each_node_received_and_what_was_dropped_for_it() {
        NodeId a = node("a");
        NodeId b = node("b");
        NodeId gone = node("gone");
        adapter.open(a, batch -> { });
        adapter.open(b, batch -> { });

        adapter.send(a, displacing(3));
        adapter.send(a, displacing(2));
        adapter.send(b, displacing(1));
        adapter.send(gone, displacing(4));
        adapter.close(b);
        adapter.send(b, displacing(5));

        assertThat(adapter.countsOf(a)).isEqualTo(new Counts(2, 5, 0, 0));
        assertThat(adapter.countsOf(b)).isEqualTo(new Counts(1, 1, 1, 5));
        assertThat(adapter.countsOf(gone)).isEqualTo(new Counts(0, 0, 1, 4));
        assertThat(adapter.countsOf(node("never-addressed"))).isEqualTo(Counts.NONE);
    }

    @Test
    void an_inbox_that_fails_drops_its_batch_without_failing_the_sender() {
        NodeId broken = node("broken");
        adapter.open(broken, batch -> {
            throw new IllegalStateException("a bug on the receiving side");
        });

        assertThatCode(() -> adapter.send(broken, displacing(2))).doesNotThrowAnyException();

        assertThat(adapter.countsOf(broken)).isEqualTo(new Counts(0, 0, 1, 2));
    }

    @Test
    void a_node_has_one_inbox_at_a_time() {
        NodeId a = node("a");
        adapter.open(a, batch -> { });

        assertThatThrownBy(() -> adapter.open(a, batch -> { })).isInstanceOf(IllegalStateException.class);
    }
}
