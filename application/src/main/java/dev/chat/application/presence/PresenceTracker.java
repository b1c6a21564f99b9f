package dev.chat.application.presence;

import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.delivery.DeviceSession;
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
 * Keeps presence from connections and heartbeats and tells subscribers when a user goes online
 * or offline. A user is online while a device is connected or a heartbeat is recent (within the
 * policy's grace). Changes are coalesced: a user's state is announced at most once per
 * {@code minChangeInterval}; in between, the latest state waits for {@link #sweep()}, so a
 * flapping client cannot flood its contacts. {@link #sweep()} also finds users whose heartbeats
 * stopped.
 */
public final class PresenceTracker implements HeartbeatUseCase {
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
    private final ConcurrentHashMap<UserId, Set<DeviceSession>> subscribers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<DeviceSession, Set<UserId>> subscriptions = new ConcurrentHashMap<>();

    public PresenceTracker(PresenceStore store, ChatRepository chats, PresencePolicy policy, Clock clock,
                           Duration minChangeInterval) {
        this(store, chats, policy, clock, minChangeInterval, PrivacySettings.OPEN);
    }

    public PresenceTracker(PresenceStore store, ChatRepository chats, PresencePolicy policy, Clock clock,
                           Duration minChangeInterval, PrivacySettings privacy) {
        this.privacy = privacy;
        this.store = store;
        this.chats = chats;
        this.policy = policy;
        this.clock = clock;
        this.minChangeIntervalMillis = minChangeInterval.toMillis();
    }

    public void connected(UserId user) {
        store.connectionOpened(user, clock.instant());
        refresh(user);
    }

    public void disconnected(UserId user) {
        store.connectionClosed(user, clock.instant());
        refresh(user);
    }

    /** A verified heartbeat. The common case (already online) touches no lock and allocates nothing. */
    @Override
    public void heartbeat(UserId user) {
        store.heartbeat(user, clock.millis());
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

    /** Sends the device the presence changes of these users from now on (the caller checked they are contacts). */
    void subscribe(DeviceSession session, Set<UserId> users) {
        subscriptions.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).addAll(users);
        for (UserId user : users) {
            subscribers.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(session);
        }
    }

    /** Drops every subscription of a device that disconnected. */
    public void unsubscribeAll(DeviceSession session) {
        Set<UserId> users = subscriptions.remove(session);
        if (users == null) {
            return;
        }
        for (UserId user : users) {
            subscribers.computeIfPresent(user, (u, sessions) -> {
                sessions.remove(session);
                return sessions.isEmpty() ? null : sessions;
            });
        }
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
        Set<DeviceSession> sessions = subscribers.get(presence.user());
        if (sessions == null) {
            return;
        }
        DeviceEvent event = new DeviceEvent.PresenceChanged(
                privacy.hidesLastSeen(presence.user()) ? presence.withoutLastSeen() : presence);
        for (DeviceSession session : sessions) {
            session.pushEvent(event);
        }
    }
}
