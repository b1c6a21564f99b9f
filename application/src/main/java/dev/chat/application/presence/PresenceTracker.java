package dev.chat.application.presence;

import dev.chat.application.delivery.ConnectionListener;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.PresenceClaims;
import dev.chat.application.port.PresenceStates;
import dev.chat.application.port.PresenceStore;
import dev.chat.application.port.PrivacySettings;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.UserId;

import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's side of presence: the connections it holds and the heartbeats it receives make its
 * own view of each user (online here while a device is connected here or a heartbeat is recent,
 * within the policy's grace). When that view changes, and only then, the node tells the decider
 * ({@link PresenceClaims}), which decides the user's presence once for the cluster
 * ({@link PresenceDecider}). Heartbeats in between cost no shared write. Queries read the decided
 * presence ({@link PresenceStates}), wherever it was decided. {@link #sweep()} finds users whose
 * heartbeats here stopped.
 */
public final class PresenceTracker implements HeartbeatUseCase, ConnectionListener {
    private final NodeId self;
    private final PresenceStore store;
    private final PresenceClaims claims;
    private final PresenceStates states;
    private final Contacts contacts;
    private final PresencePolicy policy;
    private final Clock clock;
    private final PrivacySettings privacy;
    /** Users this node last claimed alive. */
    private final Set<UserId> claimedAlive = ConcurrentHashMap.newKeySet();
    /** Claims this node made so far (guarded by this). */
    private long claimsMade;

    public PresenceTracker(NodeId self, PresenceStore store, PresenceClaims claims, PresenceStates states,
                           ChatRepository chats, PresencePolicy policy, Clock clock, PrivacySettings privacy) {
        this.self = self;
        this.store = store;
        this.claims = claims;
        this.states = states;
        this.contacts = new Contacts(chats);
        this.policy = policy;
        this.clock = clock;
        this.privacy = privacy;
    }

    @Override
    public void connected(UserId user) {
        store.connectionOpened(user, clock.instant());
        refresh(user);
    }

    @Override
    public void disconnected(UserId user) {
        store.connectionClosed(user, clock.instant());
        refresh(user);
    }

    /** A verified heartbeat. The common case (already alive here) touches no lock and allocates nothing. */
    @Override
    public void heartbeat(UserId user, long sentAtMillis) {
        // never later than now: a heartbeat dated in the future would keep its user online past their last sign of life
        store.heartbeat(user, Math.min(sentAtMillis, clock.millis()));
        if (!claimedAlive.contains(user)) {
            refresh(user);
        }
    }

    /** A user's presence as others may see it: without last seen when the user hides it. */
    public Presence presenceSeenByOthers(UserId user) {
        Presence presence = presenceOf(user);
        return privacy.hidesLastSeen(user) ? presence.withoutLastSeen() : presence;
    }

    /** The user's presence as decided for the whole cluster. */
    public Presence presenceOf(UserId user) {
        Presence decided = states.current(user);
        return decided != null ? decided : Presence.neverSeen(user);
    }

    /** Users who share at least one chat with {@code user}, the user excluded. */
    public Set<UserId> contactsOf(UserId user) {
        return contacts.of(user);
    }

    /** Tells the decider about users whose heartbeats here stopped. Called periodically (every second by default). */
    public void sweep() {
        for (UserId user : claimedAlive) {
            refresh(user);
        }
    }

    private void refresh(UserId user) {
        if (aliveHere(user) == claimedAlive.contains(user)) {
            return;
        }
        // one claim at a time, so that this node's claims leave in the order of its view; sending
        // only hands the claim on (PresenceClaims never decides nor announces on the caller's thread)
        synchronized (this) {
            boolean aliveHere = aliveHere(user);
            if (aliveHere == claimedAlive.contains(user)) {
                return;
            }
            if (aliveHere) {
                claimedAlive.add(user);
            } else {
                claimedAlive.remove(user);
            }
            claims.send(new PresenceClaims.Claim(user, self, aliveHere, store.seen(user).lastSeen(), ++claimsMade));
        }
    }

    private boolean aliveHere(UserId user) {
        PresenceStore.Seen seen = store.seen(user);
        return seen != null && Presence.of(user, seen.openConnections(), seen.lastHeartbeat(), seen.lastSeen(),
                clock.instant(), policy).online();
    }
}
