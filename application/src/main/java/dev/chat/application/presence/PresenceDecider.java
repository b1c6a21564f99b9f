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
 * live node claims them alive. A change of the online state is published to {@link PresenceStates}
 * (every node's queries) and announced to the devices that follow the user, wherever they are
 * connected (route table, gateway channel), together and at most once per user per
 * {@code minChangeInterval}, the latest state after a burst, so a flapping client cannot flood its
 * contacts. What is published is therefore what subscribers heard: a decider that takes a share
 * over announces only what differs from it.
 *
 * <p>A node that dies says nothing: its claims count while its beats ({@link #nodeAlive}) are
 * younger than {@code nodeLease}. Once they are not, a user it claimed alive counts as last seen at
 * its last beat plus {@code beatInterval} (it would have beaten again by then, so the user cannot
 * have been alive there later) and goes offline a grace period after that: never earlier than
 * their heartbeats would have lapsed, never later than one lease and one grace after the death. A
 * node whose beats only paused (a broker outage, a long pause) keeps its claims: when it beats
 * again, its users are decided again. Claims of a node lapsed for {@code forgetAfter} are dropped.
 *
 * <p>Decisions are made under this object's lock, announcements after it is released (an
 * announcement reaches devices, whose connections may call back into presence).
 */
public final class PresenceDecider {
    /** For nodes in the decider's own process: they cannot die without it. */
    public static final Duration NODES_NEVER_LAPSE = Duration.ofDays(365L * 1000);
    private static final Duration FORGET_AFTER = Duration.ofHours(1);

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
    private final Map<UserId, Long> lastAnnouncement = new HashMap<>();
    private final Set<UserId> heldBack = new HashSet<>();
    /** The last seen of users whose offline waits for its announcement (they have no claim left). */
    private final Map<UserId, Instant> waitingOffline = new HashMap<>();
    /** Decided under the lock, announced after it. */
    private final List<Presence> toAnnounce = new ArrayList<>();

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
    public void onClaim(Claim claim) {
        List<Presence> announce;
        synchronized (this) {
            lastBeat.putIfAbsent(claim.node(), clock.instant());
            if (keep(claim)) {
                decide(claim.user());
            }
            announce = drain();
        }
        announce.forEach(this::announce);
    }

    /**
     * A claim read again while this decider rebuilds its state (a cluster node taking over a share):
     * kept, not decided; {@link #decideAll()} decides when the rebuilding is over.
     */
    public synchronized void recall(Claim claim) {
        // a node that claimed was alive then, whatever its beats say
        lastBeat.merge(claim.node(), claim.lastSeen(), PresenceDecider::later);
        keep(claim);
    }

    /** Decides every user this decider holds claims for: the end of rebuilding. */
    public void decideAll() {
        List<Presence> announce;
        synchronized (this) {
            for (UserId user : new ArrayList<>(claims.keySet())) {
                decide(user);
            }
            announce = drain();
        }
        announce.forEach(this::announce);
    }

    /**
     * {@code node} was alive at {@code at}: its claims count for another {@code nodeLease}. A node
     * that had lapsed and beats again gets its users decided again.
     */
    public void nodeAlive(NodeId node, Instant at) {
        List<Presence> announce;
        synchronized (this) {
            Instant now = clock.instant();
            boolean wasLive = isLive(node, now);
            lastBeat.merge(node, at, PresenceDecider::later);
            if (wasLive || !isLive(node, now)) {
                return;
            }
            for (Map.Entry<UserId, Map<NodeId, Claim>> entry : new ArrayList<>(claims.entrySet())) {
                Claim claim = entry.getValue().get(node);
                if (claim != null && claim.alive()) {
                    decide(entry.getKey());
                }
            }
            announce = drain();
        }
        announce.forEach(this::announce);
    }

    /**
     * Decides again the users a lapsed node claimed and the users whose announcement was held back;
     * forgets the claims of nodes lapsed long ago. Called periodically (every second by default).
     */
    public void sweep() {
        List<Presence> announce;
        synchronized (this) {
            Instant now = clock.instant();
            Set<UserId> again = new HashSet<>(heldBack);
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
            forgetLongLapsed(now);
            long forgetBefore = clock.millis() - minChangeIntervalMillis;
            lastAnnouncement.entrySet().removeIf(e -> e.getValue() < forgetBefore && !heldBack.contains(e.getKey()));
            announce = drain();
        }
        announce.forEach(this::announce);
    }

    /** Users this decider holds claims for (a share of all users). */
    public synchronized int users() {
        return claims.size();
    }

    /** Keeps the claim unless this decider has a later one from the same node; true when kept. */
    private boolean keep(Claim claim) {
        Map<NodeId, Claim> byNode = claims.computeIfAbsent(claim.user(), u -> new HashMap<>(2));
        Claim before = byNode.get(claim.node());
        if (before != null && before.sequence() > claim.sequence()) {
            return false;
        }
        byNode.put(claim.node(), claim);
        return true;
    }

    private boolean isLive(NodeId node, Instant now) {
        Instant beat = lastBeat.get(node);
        return beat == null || !beat.plus(nodeLease).isBefore(now);
    }

    private void forgetLongLapsed(Instant now) {
        Set<NodeId> gone = new HashSet<>();
        lastBeat.forEach((node, beat) -> {
            if (beat.plus(nodeLease).plus(FORGET_AFTER).isBefore(now)) {
                gone.add(node);
            }
        });
        if (gone.isEmpty()) {
            return;
        }
        claims.values().forEach(byNode -> byNode.keySet().removeAll(gone));
        claims.values().removeIf(Map::isEmpty);
        lastBeat.keySet().removeAll(gone);
    }

    private void decide(UserId user) {
        Map<NodeId, Claim> byNode = claims.get(user);
        Instant waiting = waitingOffline.get(user);
        if (byNode == null && waiting == null) {
            return;
        }
        Instant now = clock.instant();
        boolean online = false;
        Instant lastSeen = waiting;
        if (byNode != null) {
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
            // a node's "no longer" has said all it can: its last seen goes into this decision
            byNode.values().removeIf(claim -> !claim.alive());
            if (byNode.isEmpty()) {
                claims.remove(user);
            }
        }
        Presence decided = new Presence(user, online, Optional.of(lastSeen));
        Presence published = states.current(user);
        boolean heard = published != null && published.online();
        if (heard == online) {
            heldBack.remove(user);
            waitingOffline.remove(user);
            if (!online && !decided.equals(published)) {
                // a newer last seen of a user who stays offline: no one needs to hear it, queries read it
                states.publish(decided);
            }
            return;
        }
        long millis = clock.millis();
        Long last = lastAnnouncement.get(user);
        if (last != null && millis - last < minChangeIntervalMillis) {
            heldBack.add(user);
            if (online) {
                waitingOffline.remove(user);
            } else {
                waitingOffline.put(user, lastSeen);
            }
            return;
        }
        heldBack.remove(user);
        waitingOffline.remove(user);
        lastAnnouncement.put(user, millis);
        states.publish(decided);
        toAnnounce.add(decided);
    }

    private List<Presence> drain() {
        if (toAnnounce.isEmpty()) {
            return List.of();
        }
        List<Presence> drained = List.copyOf(toAnnounce);
        toAnnounce.clear();
        return drained;
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
