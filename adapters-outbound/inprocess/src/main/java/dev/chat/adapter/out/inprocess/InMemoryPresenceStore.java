package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceStore;
import dev.chat.domain.user.UserId;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Presence of the users of this node, in memory (a single node is the whole truth on the embedded default). */
@Singleton
public final class InMemoryPresenceStore implements PresenceStore {
    private final ConcurrentHashMap<UserId, Seen> seen = new ConcurrentHashMap<>();

    @Override
    public void connectionOpened(UserId user, Instant at) {
        seen.merge(user, new Seen(at, 1), (old, fresh) -> new Seen(latest(old.lastSignOfLife(), at),
                old.openConnections() + 1));
    }

    @Override
    public void connectionClosed(UserId user, Instant at) {
        seen.merge(user, new Seen(at, 0), (old, fresh) -> new Seen(latest(old.lastSignOfLife(), at),
                Math.max(0, old.openConnections() - 1)));
    }

    @Override
    public void heartbeat(UserId user, Instant at) {
        seen.merge(user, new Seen(at, 0), (old, fresh) -> new Seen(latest(old.lastSignOfLife(), at),
                old.openConnections()));
    }

    @Override
    public Map<UserId, Seen> seen(Collection<UserId> users) {
        Map<UserId, Seen> result = new HashMap<>();
        for (UserId user : users) {
            Seen s = seen.get(user);
            if (s != null) {
                result.put(user, s);
            }
        }
        return result;
    }

    private static Instant latest(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
