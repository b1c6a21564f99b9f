package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceStore;
import dev.chat.domain.user.UserId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence of the users of this node, in memory (a single node is the whole truth on the embedded
 * default). Each user's state is updated in place, so a heartbeat allocates nothing.
 */
@Singleton
public final class InMemoryPresenceStore implements PresenceStore {
    private final ConcurrentHashMap<UserId, Liveness> byUser = new ConcurrentHashMap<>();

    /** One user's latest signs of life and open connections; guarded by its own monitor. */
    private static final class Liveness {
        private long lastSeen;
        private long lastHeartbeat = -1;
        private int openConnections;

        synchronized void connection(long millis, int delta) {
            lastSeen = Math.max(lastSeen, millis);
            openConnections = Math.max(0, openConnections + delta);
        }

        synchronized void heartbeat(long millis) {
            lastSeen = Math.max(lastSeen, millis);
            lastHeartbeat = Math.max(lastHeartbeat, millis);
        }

        synchronized Seen snapshot() {
            return new Seen(Instant.ofEpochMilli(lastSeen),
                    lastHeartbeat < 0 ? null : Instant.ofEpochMilli(lastHeartbeat), openConnections);
        }
    }

    @Override
    public void connectionOpened(UserId user, Instant at) {
        liveness(user).connection(at.toEpochMilli(), 1);
    }

    @Override
    public void connectionClosed(UserId user, Instant at) {
        liveness(user).connection(at.toEpochMilli(), -1);
    }

    @Override
    public void heartbeat(UserId user, long epochMillis) {
        liveness(user).heartbeat(epochMillis);
    }

    @Override
    public Map<UserId, Seen> seen(Collection<UserId> users) {
        Map<UserId, Seen> result = new HashMap<>();
        for (UserId user : users) {
            Seen s = seen(user);
            if (s != null) {
                result.put(user, s);
            }
        }
        return result;
    }

    @Override
    public Seen seen(UserId user) {
        Liveness liveness = byUser.get(user);
        return liveness == null ? null : liveness.snapshot();
    }

    private Liveness liveness(UserId user) {
        Liveness liveness = byUser.get(user);
        return liveness != null ? liveness : byUser.computeIfAbsent(user, u -> new Liveness());
    }
}
