package dev.chat.application.presence;

import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.DeviceDirectory;
import dev.chat.application.port.PresenceStore;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.UserId;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Keeps presence from connections (and, through {@link #heartbeat}, from heartbeats) and tells
 * a user's contacts when the user goes online or offline. An open connection counts as a sign of
 * life: a user with a connected device is online.
 */
public final class PresenceTracker {
    private final PresenceStore store;
    private final ChatRepository chats;
    private final DeviceDirectory directory;
    private final PresencePolicy policy;
    private final Clock clock;

    public PresenceTracker(PresenceStore store, ChatRepository chats, DeviceDirectory directory,
                           PresencePolicy policy, Clock clock) {
        this.store = store;
        this.chats = chats;
        this.directory = directory;
        this.policy = policy;
        this.clock = clock;
    }

    public void connected(UserId user) {
        boolean wasOnline = presenceOf(user).online();
        store.connectionOpened(user, clock.instant());
        if (!wasOnline) {
            tellContacts(presenceOf(user));
        }
    }

    public void disconnected(UserId user) {
        store.connectionClosed(user, clock.instant());
        Presence now = presenceOf(user);
        if (!now.online()) {
            tellContacts(now);
        }
    }

    public void heartbeat(UserId user) {
        boolean wasOnline = presenceOf(user).online();
        store.heartbeat(user, clock.instant());
        if (!wasOnline) {
            tellContacts(presenceOf(user));
        }
    }

    public Presence presenceOf(UserId user) {
        Map<UserId, PresenceStore.Seen> seen = store.seen(Set.of(user));
        return toPresence(user, seen.get(user), clock.instant());
    }

    Presence toPresence(UserId user, PresenceStore.Seen seen, Instant now) {
        if (seen == null) {
            return Presence.neverSeen(user);
        }
        return Presence.of(user, seen.openConnections() > 0, seen.lastSignOfLife(), now, policy);
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

    private void tellContacts(Presence presence) {
        DeviceEvent event = new DeviceEvent.PresenceChanged(presence);
        for (UserId contact : contactsOf(presence.user())) {
            for (DeviceSession session : directory.sessionsOf(contact)) {
                session.pushEvent(event);
            }
        }
    }
}
