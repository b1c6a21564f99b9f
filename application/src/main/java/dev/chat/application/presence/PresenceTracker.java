package dev.chat.application.presence;

import dev.chat.application.delivery.ConnectionListener;
import dev.chat.application.delivery.DeliveryRouter;
import dev.chat.application.port.GatewayChannel.Delivery;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.PresenceStore;
import dev.chat.application.port.PrivacySettings;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.UserId;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps presence from connections and heartbeats and tells contacts' devices when a user goes
 * online or offline: the change travels the routes to every node that holds a contact's device,
 * where the sessions that follow the user get it. A user is online while a device is connected or a heartbeat is recent (within the
 * policy's grace). Changes are coalesced: a user's state is announced at most once per
 * {@code minChangeInterval}; in between, the latest state waits for {@link #sweep()}, so a
 * flapping client cannot flood its contacts. {@link #sweep()} also finds users whose heartbeats
 * stopped.
 */
public final class PresenceTracker implements HeartbeatUseCase, ConnectionListener {
    private final PresenceStore store;
    private final ChatRepository chats;
    private final PresencePolicy policy;
    private final Clock clock;
    private final long minChangeIntervalMillis;
    private final PrivacySettings privacy;
    /** Users last announced as online. */
    private final Set<UserId> announcedOnline = ConcurrentHashMap.newKeySet();
    /** When each user's state was last announced (epoch millis). */
    private final ConcurrentHashMap<UserId, Long> lastAnnouncement = new ConcurrentHashMap<>();
    /** Users with a change held back by coalescing. */
    private final Set<UserId> heldBack = ConcurrentHashMap.newKeySet();
    private final DeliveryRouter router;

    public PresenceTracker(PresenceStore store, ChatRepository chats, PresencePolicy policy, Clock clock,
                           Duration minChangeInterval, DeliveryRouter router) {
        this(store, chats, policy, clock, minChangeInterval, PrivacySettings.OPEN, router);
    }

    public PresenceTracker(PresenceStore store, ChatRepository chats, PresencePolicy policy, Clock clock,
                           Duration minChangeInterval, PrivacySettings privacy, DeliveryRouter router) {
        this.router = router;
        this.privacy = privacy;
        this.store = store;
        this.chats = chats;
        this.policy = policy;
        this.clock = clock;
        this.minChangeIntervalMillis = minChangeInterval.toMillis();
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

    /** A verified heartbeat. The common case (already online) touches no lock and allocates nothing. */
    @Override
    public void heartbeat(UserId user, long sentAtMillis) {
        // never later than now: a heartbeat dated in the future would keep its user online past their last sign of life
        store.heartbeat(user, Math.min(sentAtMillis, clock.millis()));
        if (!announcedOnline.contains(user)) {
            refresh(user);
        }
    }

    /** A user's presence as others may see it: without last seen when the user hides it. */
    public Presence presenceSeenByOthers(UserId user) {
        Presence presence = presenceOf(user);
        return privacy.hidesLastSeen(user) ? presence.withoutLastSeen() : presence;
    }

    public Presence presenceOf(UserId user) {
        PresenceStore.Seen seen = store.seen(user);
        if (seen == null) {
            return Presence.neverSeen(user);
        }
        return Presence.of(user, seen.openConnections(), seen.lastHeartbeat(), seen.lastSeen(), clock.instant(), policy);
    }

    /** Users who share at least one chat with {@code user}, the user excluded. */
    public Set<UserId> contactsOf(UserId user) {
        Set<UserId> contacts = new LinkedHashSet<>();
        for (Chat chat : chats.chatsOf(user)) {
            for (Membership member : chat.members()) {
                contacts.add(member.userId());
            }
        }
        contacts.remove(user);
        return contacts;
    }

    /**
     * Announces held-back changes and users whose heartbeats stopped. Called periodically
     * (every second by default).
     */
    public void sweep() {
        for (UserId user : announcedOnline) {
            refresh(user);
        }
        for (UserId user : heldBack) {
            heldBack.remove(user);
            refresh(user);
        }
        long forgetBefore = clock.millis() - minChangeIntervalMillis;
        lastAnnouncement.entrySet().removeIf(e -> e.getValue() < forgetBefore && !heldBack.contains(e.getKey()));
    }

    private void refresh(UserId user) {
        Presence now = presenceOf(user);
        boolean announced = announcedOnline.contains(user);
        if (now.online() == announced) {
            heldBack.remove(user);
            return;
        }
        long millis = clock.millis();
        Long last = lastAnnouncement.get(user);
        if (last != null && millis - last < minChangeIntervalMillis) {
            heldBack.add(user);
            return;
        }
        synchronized (this) {
            if (now.online() == announcedOnline.contains(user)) {
                return;
            }
            if (now.online()) {
                announcedOnline.add(user);
            } else {
                announcedOnline.remove(user);
            }
            lastAnnouncement.put(user, millis);
        }
        announce(now);
    }

    private void announce(Presence presence) {
        Presence seen = privacy.hidesLastSeen(presence.user()) ? presence.withoutLastSeen() : presence;
        // the user's own devices may follow the user too
        Set<UserId> audience = contactsOf(presence.user());
        audience.add(presence.user());
        DeliveryRouter.Batch batch = router.batch();
        router.byNode(audience, null)
                .forEach((node, users) -> batch.add(node, new Delivery.OfPresence(seen, users)));
        batch.send();
    }
}
