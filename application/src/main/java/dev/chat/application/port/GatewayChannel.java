package dev.chat.application.port;

import dev.chat.domain.chat.ChatChange;
import dev.chat.domain.device.Device;
import dev.chat.domain.message.Message;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;

import java.util.List;

/**
 * Outbound port: hands batches of deliveries to one gateway node, the one the route table says
 * holds the recipients' devices. Each node opens its own inbox and receives only what was sent to
 * it.
 *
 * <p>Guarantees an adapter must keep (checked by {@code GatewayChannelContract}):
 * <ul>
 *   <li>The batches one sender sends to one node arrive in the order they were sent, each whole.</li>
 *   <li>A node receives only the batches sent to it.</li>
 *   <li>{@link #send} never waits for a device; a batch for a node with no open inbox is dropped
 *       (that node's devices find the messages in the store when they reconnect).</li>
 * </ul>
 * Delivery is at most once per batch: what was in flight to a node that died is not resent, because
 * its devices reconnect elsewhere and catch up from the store.
 */
public interface GatewayChannel {
    /** One thing for the devices of some users on one node. */
    sealed interface Delivery {
        /** A logged and stored message for these recipients' devices (the sending device excepted). */
        record OfMessage(Message message, List<UserId> recipients) implements Delivery {
            public OfMessage {
                recipients = List.copyOf(recipients);
            }
        }

        /** A chat changed: for the devices of these users. */
        record OfChatChange(ChatChange change, List<UserId> recipients) implements Delivery {
            public OfChatChange {
                recipients = List.copyOf(recipients);
            }
        }

        /** A user went online or offline: for the devices of these users that subscribed to it. */
        record OfPresence(Presence presence, List<UserId> recipients) implements Delivery {
            public OfPresence {
                recipients = List.copyOf(recipients);
            }
        }

        /** The device connected elsewhere: close its connection on this node. */
        record Displace(Device device) implements Delivery {
        }
    }

    /** Where one node receives its deliveries; called on the channel's thread, must not block on devices. */
    @FunctionalInterface
    interface Inbox {
        void receive(List<Delivery> batch);
    }

    /** Hands the batch to the node. May return before the channel has it (see {@link #flush}). */
    void send(NodeId node, List<Delivery> batch);

    /**
     * Returns once every batch sent so far is with the channel: durable where the channel is, so that
     * a sender that dies after this loses none of them. A sender that saves its progress after a
     * fan-out (a log subscription's commit, the join's) calls this first. Throws when a batch failed
     * to reach the channel (the sender repeats its fan-out; devices drop what they already have).
     * Nothing to wait for where {@code send} hands batches over before it returns.
     */
    default void flush() {
    }

    /** This node receives what is sent to it from now on. One inbox per node. */
    void open(NodeId self, Inbox inbox);

    /** This node receives nothing more. */
    void close(NodeId self);
}
