package dev.chat.application.presence;

import dev.chat.application.delivery.DeliveryRouter;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.PresenceClaims.Claim;
import dev.chat.application.port.PresenceStates;
import dev.chat.application.port.PrivacySettings;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.UserId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the presence of a share of the users (all of them on the embedded default, a partition's
 * in a cluster) from what the nodes claim, once for the whole cluster: a user is online while a
 * live node claims them alive. Each decision goes to {@link PresenceStates} (every node's queries)
 * and, when the online state changes, to the devices that follow the user, wherever they are
 * connected (route table, gateway channel). Announcements are coalesced: at most one per user per
 * {@code minChangeInterval}, the latest state after a burst, so a flapping client cannot flood its
 * contacts.
 *
 * <p>A node that dies says nothing: its claims count while its beats ({@link #nodeAlive}) are
 * younger than {@code nodeLease}. Once they are not, a user it claimed alive counts as last seen at
 * its last beat plus {@code beatInterval} (it would have beaten again by then, so the user cannot
 * have been alive there later) and goes offline a grace period after that: never earlier than
 * their heartbeats would have lapsed, never later than one lease and one grace after the death.
 * A user moved meanwhile to another node (the UDP load balancer) stays online without a flap.
 *
 * <p>Not thread-safe on its own: the owner of a share calls it from one thread at a time
 * (its methods are synchronized for the in-process case, where nodes' threads meet here).
 */
public final class PresenceDecider {
    /** For nodes in the decider's own process: they cannot die without it. */
    public static final Duration NODES_NEVER_LAPSE = Duration.ofDays(365L * 1000);

    private final Contacts contacts;
    private final PresencePolicy policy;
    private final Clock clock;
    private final long minChangeIntervalMillis;
    private final PrivacySettings privacy;
    private final DeliveryRouter router;
    private final PresenceStates states;
    private final Duration nodeLease;
    private final Duration beatInterval;

    private final Map<UserId, Map<NodeId, Claim>> claims = new HashMap<>();
    private final Map<NodeId, Instant> lastBeat = new HashMap<>();
    /** Users whose online state subscribers last heard (absent: as {@link PresenceStates} says). */
    private final Map<UserId, Boolean> announced = new HashMap<>();
    private final Map<UserId, Long> lastAnnouncement = new HashMap<>();
    private final Set<UserId> heldBack = new HashSet<>();

    public PresenceDecider(ChatRepository chats, PresencePolicy policy, Clock clock, Duration minChangeInterval,
                           PrivacySettings privacy, DeliveryRouter router, PresenceStates states,
                           Duration nodeLease, Duration beatInterval) {
        this.contacts = new Contacts(chats);
        this.policy = policy;
        this.clock = clock;
        this.minChangeIntervalMillis = minChangeInterval.toMillis();
        this.privacy = privacy;
        this.router = router;
        this.states = states;
        this.nodeLease = nodeLease;
        this.beatInterval = beatInterval;
    }

    /** A node's claim about a user; decides the user at once. */
    public synchronized void onClaim(Claim claim) {
        lastBeat.putIfAbsent(claim.node(), clock.instant());
        Map<NodeId, Claim> byNode = claims.computeIfAbsent(claim.user(), u -> new HashMap<>(2));
        Claim before = byNode.get(claim.node());
        if (before != null && before.lastSeen().isAfter(claim.lastSeen())) {
            return;
        }
        byNode.put(claim.node(), claim);
        decide(claim.user());
    }

    /**
     * A claim read again while this decider rebuilds its state (a cluster node taking over a share):
     * kept, not decided; {@link #decideAll()} decides when the rebuilding is over.
     */
    public synchronized void recall(Claim claim) {
        // a node that claimed was alive then, whatever its beats say
        lastBeat.merge(claim.node(), claim.lastSeen(), (a, b) -> a.isAfter(b) ? a : b);
        Map<NodeId, Claim> byNode = claims.computeIfAbsent(claim.user(), u -> new HashMap<>(2));
        Claim before = byNode.get(claim.node());
        if (before == null || !before.lastSeen().isAfter(claim.lastSeen())) {
            byNode.put(claim.node(), claim);
        }
    }

    /** Decides every user this decider holds claims for: the end of rebuilding. */
    public synchronized void decideAll() {
        for (UserId user : new ArrayList<>(claims.keySet())) {
            decide(user);
        }
    }

    /** {@code node} was alive at {@code at}: its claims count for another {@code nodeLease}. */
    public synchronized void nodeAlive(NodeId node, Instant at) {
        lastBeat.merge(node, at, (a, b) -> a.isAfter(b) ? a : b);
    }

    /**
     * Decides again the users a lapsed node claimed and the users whose announcement was held back.
     * Called periodically (every second by default).
     */
    public synchronized void sweep() {
        Instant now = clock.instant();
        List<UserId> again = new ArrayList<>(heldBack);
        heldBack.clear();
        for (Map.Entry<UserId, Map<NodeId, Claim>> entry : claims.entrySet()) {
            for (Claim claim : entry.getValue().values()) {
                if (claim.alive() && !isLive(claim.node(), now)) {
                    again.add(entry.getKey());
                    break;
                }
            }
        }
        again.forEach(this::decide);
        long forgetBefore = clock.millis() - minChangeIntervalMillis;
        lastAnnouncement.entrySet().removeIf(e -> e.getValue() < forgetBefore && !heldBack.contains(e.getKey()));
    }

    /** Users this decider holds claims for (a share of all users). */
    public synchronized int users() {
        return claims.size();
    }

    private boolean isLive(NodeId node, Instant now) {
        Instant beat = lastBeat.get(node);
        return beat == null || !beat.plus(nodeLease).isBefore(now);
    }

    private void decide(UserId user) {
        Presence published = states.current(user);
        Map<NodeId, Claim> byNode = claims.get(user);
        if (byNode == null) {
            // all said and published already; only a held-back announcement may be due
            if (published != null) {
                announceIfChanged(published, published);
            }
            return;
        }
        Instant now = clock.instant();
        boolean online = false;
        Instant lastSeen = null;
        for (Claim claim : byNode.values()) {
            lastSeen = later(lastSeen, claim.lastSeen());
            if (!claim.alive()) {
                continue;
            }
            if (isLive(claim.node(), now)) {
                online = true;
                continue;
            }
            Instant beat = lastBeat.get(claim.node());
            lastSeen = later(lastSeen, beat);
            if (!beat.plus(beatInterval).plus(policy.grace()).isBefore(now)) {
                online = true;
            }
        }
        Presence decided = new Presence(user, online, Optional.of(lastSeen));
        if (!decided.equals(published)) {
            states.publish(decided);
        }
        if (!online) {
            // nothing alive anywhere: the claims have said all they can, and the last seen is published
            claims.remove(user);
        }
        announceIfChanged(decided, published);
    }

    /** {@code published}: the decision before this one, which subscribers heard unless an entry of {@code announced} says otherwise. */
    private void announceIfChanged(Presence decided, Presence published) {
        UserId user = decided.user();
        Boolean entry = announced.get(user);
        boolean heard = entry != null ? entry : published != null && published.online();
        if (heard == decided.online()) {
            heldBack.remove(user);
            if (!heard) {
                announced.remove(user);
            }
            return;
        }
        long millis = clock.millis();
        Long last = lastAnnouncement.get(user);
        if (last != null && millis - last < minChangeIntervalMillis) {
            announced.putIfAbsent(user, heard);
            heldBack.add(user);
            return;
        }
        if (decided.online()) {
            announced.put(user, true);
        } else {
            // offline is what the published state says from now on
            announced.remove(user);
        }
        heldBack.remove(user);
        lastAnnouncement.put(user, millis);
        announce(decided);
    }

    private void announce(Presence presence) {
        Presence seen = privacy.hidesLastSeen(presence.user()) ? presence.withoutLastSeen() : presence;
        // the user's own devices may follow the user too
        Set<UserId> audience = contacts.of(presence.user());
        audience.add(presence.user());
        DeliveryRouter.Batch batch = router.batch();
        router.byNode(audience, null).forEach((node, users) -> batch.add(node, new Delivery.OfPresence(seen, users)));
        batch.send();
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
