package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.NodeId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The gateway channel of a single process: {@link #send} calls the node's inbox at once, on the
 * caller's thread. No queue and no thread hand-off, so the embedded default delivers as fast as a
 * direct call; the order of one sender's batches is the order of its calls. An inbox is therefore
 * called by many senders at once and must be thread-safe, and must not block (as the port asks).
 *
 * <p>Each node's counters tell what it received and what was dropped for it (no open inbox, or
 * its inbox threw): a node that was addressed once keeps a few counters for the life of the process.
 */
@Singleton
@Requires(property = "chat.channel.backend", value = "inprocess", defaultValue = "inprocess")
public final class InProcessGatewayChannel implements GatewayChannel {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessGatewayChannel.class);

    /** What one node received and what was dropped for it since the channel started. */
    public record Counts(long receivedBatches, long receivedDeliveries, long droppedBatches, long droppedDeliveries) {
        public static final Counts NONE = new Counts(0, 0, 0, 0);
    }

    private static final class Node {
        volatile Inbox inbox;
        final LongAdder receivedBatches = new LongAdder();
        final LongAdder receivedDeliveries = new LongAdder();
        final LongAdder droppedBatches = new LongAdder();
        final LongAdder droppedDeliveries = new LongAdder();

        void dropped(int deliveries) {
            droppedBatches.increment();
            droppedDeliveries.add(deliveries);
        }
    }

    private final ConcurrentHashMap<NodeId, Node> nodes = new ConcurrentHashMap<>();

    @Override
    public void send(NodeId node, List<Delivery> batch) {
        // free for the immutable lists senders build; a copy otherwise, so a sender reusing its list cannot change a batch sent
        List<Delivery> whole = List.copyOf(batch);
        Node target = nodes.get(node);
        Inbox inbox = target == null ? null : target.inbox;
        if (inbox == null) {
            stateOf(node).dropped(whole.size());
            return;
        }
        try {
            inbox.receive(whole);
        } catch (RuntimeException e) {
            // one node's failing inbox must not stop the sender's fan-out to the other nodes
            target.dropped(whole.size());
            LOG.warn("the inbox of node {} failed on a batch of {} deliveries; the batch is dropped", node, whole.size(), e);
            return;
        }
        target.receivedBatches.increment();
        target.receivedDeliveries.add(whole.size());
    }

    @Override
    public void open(NodeId self, Inbox inbox) {
        Node node = stateOf(self);
        synchronized (node) {
            if (node.inbox != null) {
                throw new IllegalStateException("node " + self + " has an open inbox already: one inbox per node");
            }
            node.inbox = inbox;
        }
    }

    @Override
    public void close(NodeId self) {
        Node node = nodes.get(self);
        if (node != null) {
            node.inbox = null;
        }
    }

    /** What the node received and what was dropped for it; {@link Counts#NONE} for a node never addressed. */
    public Counts countsOf(NodeId node) {
        Node state = nodes.get(node);
        if (state == null) {
            return Counts.NONE;
        }
        return new Counts(state.receivedBatches.sum(), state.receivedDeliveries.sum(),
                state.droppedBatches.sum(), state.droppedDeliveries.sum());
    }

    private Node stateOf(NodeId node) {
        Node state = nodes.get(node);
        return state != null ? state : nodes.computeIfAbsent(node, n -> new Node());
    }
}
