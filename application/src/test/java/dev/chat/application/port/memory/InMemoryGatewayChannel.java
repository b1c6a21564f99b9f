package dev.chat.application.port.memory;

import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.NodeId;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A gateway channel that calls the addressed node's inbox on the sender's thread, counting what each node got. */
public final class InMemoryGatewayChannel implements GatewayChannel {
    private final Map<NodeId, Inbox> inboxes = new ConcurrentHashMap<>();
    private final Map<NodeId, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<NodeId, List<Delivery>> log = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();

    @Override
    public void send(NodeId node, List<Delivery> batch) {
        Inbox inbox = inboxes.get(node);
        if (inbox == null) {
            dropped.addAndGet(batch.size());
            return;
        }
        received.computeIfAbsent(node, n -> new AtomicLong()).addAndGet(batch.size());
        log.computeIfAbsent(node, n -> java.util.Collections.synchronizedList(new java.util.ArrayList<>())).addAll(batch);
        inbox.receive(List.copyOf(batch));
    }

    @Override
    public void open(NodeId self, Inbox inbox) {
        if (inboxes.putIfAbsent(self, inbox) != null) {
            throw new IllegalStateException("node " + self + " has an inbox open already");
        }
    }

    @Override
    public void close(NodeId self) {
        inboxes.remove(self);
    }

    /** Deliveries handed to the node's inbox. */
    public long receivedBy(NodeId node) {
        AtomicLong count = received.get(node);
        return count == null ? 0 : count.get();
    }

    /** Every delivery handed to the node, in order. */
    public List<Delivery> deliveriesTo(NodeId node) {
        List<Delivery> deliveries = log.get(node);
        if (deliveries == null) {
            return List.of();
        }
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    public long dropped() {
        return dropped.get();
    }
}
