package dev.chat.application.delivery;

import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.OffsetStore;
import dev.chat.application.port.PresenceStore;
import dev.chat.application.port.memory.InMemoryPresenceStates;
import dev.chat.application.presence.DecideHere;
import dev.chat.application.presence.PresenceDecider;
import java.util.function.Supplier;
import dev.chat.application.port.PrivacySettings;
import dev.chat.application.port.memory.InMemoryGatewayChannel;
import dev.chat.application.port.memory.InMemoryRouteTable;
import dev.chat.domain.presence.PresencePolicy;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * The ports that the nodes of a cluster share (metadata, chat contents, offsets, presence, the route
 * table and the gateway channel), from which {@link Node}s are assembled the way bootstrap assembles
 * one. A test with one node is the embedded default; with several, a cluster.
 */
public final class Cluster {
    public final ChatRepository chats;
    public final MessageStore store;
    public final OffsetStore offsets;
    public final InMemoryRouteTable routes;
    public final InMemoryGatewayChannel channel = new InMemoryGatewayChannel();
    public final PushNotifier notifier;
    public final ChatMetrics metrics;
    public final Clock clock;
    Supplier<PresenceStore> presenceStores = NoPresenceStore::new;
    /** The decided presence every node reads. */
    public final InMemoryPresenceStates presenceStates = new InMemoryPresenceStates();
    private DecideHere presenceClaims;
    PrivacySettings privacy = PrivacySettings.OPEN;
    PresencePolicy presencePolicy = PresencePolicy.DEFAULT;
    Duration presenceMinChangeInterval = Duration.ZERO;

    public Cluster(ChatRepository chats, MessageStore store, OffsetStore offsets, PushNotifier notifier,
                   ChatMetrics metrics, Clock clock) {
        this.chats = chats;
        this.store = store;
        this.offsets = offsets;
        this.notifier = notifier;
        this.metrics = metrics;
        this.clock = clock;
        this.routes = new InMemoryRouteTable(clock);
    }

    /** Presence with a store of its own per node (each node's view of its users) and one decider for all. */
    public Cluster withPresence(Supplier<PresenceStore> storePerNode, PrivacySettings privacy, PresencePolicy policy,
                                Duration minChangeInterval) {
        this.presenceStores = storePerNode;
        this.privacy = privacy;
        this.presencePolicy = policy;
        this.presenceMinChangeInterval = minChangeInterval;
        return this;
    }

    /** Where every node's claims are decided: one decider, as if one node owned every user. */
    public synchronized DecideHere presenceClaims() {
        if (presenceClaims == null) {
            presenceClaims = new DecideHere(new PresenceDecider(chats, presencePolicy, clock, presenceMinChangeInterval,
                    privacy, new DeliveryRouter(routes, channel), presenceStates, PresenceDecider.NODES_NEVER_LAPSE,
                    Duration.ofSeconds(1)), Runnable::run);
        }
        return presenceClaims;
    }

    /** A node that joined the cluster: its inbox is open and its lease taken. */
    public Node node(String name, Executor catchUp) {
        Node node = new Node(name, this, catchUp);
        node.lease.join();
        return node;
    }
}
