package dev.chat.application.presence;

import dev.chat.application.port.PresenceStore;
import dev.chat.domain.user.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Each user's latest signs of life and open connections, in a map. */
public final class SimplePresenceStore implements PresenceStore {
    private final Map<UserId, Seen> seen = new HashMap<>();

    @Override
    public synchronized void connectionOpened(UserId user, Instant at) {
        Seen before = seen(user);
        seen.put(user, new Seen(latest(before, at), before == null ? null : before.lastHeartbeat(),
                (before == null ? 0 : before.openConnections()) + 1));
    }

    @Override
    public synchronized void connectionClosed(UserId user, Instant at) {
        Seen before = seen(user);
        seen.put(user, new Seen(latest(before, at), before == null ? null : before.lastHeartbeat(),
                Math.max(0, (before == null ? 0 : before.openConnections()) - 1)));
    }

    @Override
    public synchronized void heartbeat(UserId user, long epochMillis) {
        Instant at = Instant.ofEpochMilli(epochMillis);
        Seen before = seen(user);
        Instant lastHeartbeat = before == null || before.lastHeartbeat() == null || at.isAfter(before.lastHeartbeat())
                ? at : before.lastHeartbeat();
        seen.put(user, new Seen(latest(before, at), lastHeartbeat, before == null ? 0 : before.openConnections()));
    }

    @Override
    public synchronized Map<UserId, Seen> seen(Collection<UserId> users) {
        Map<UserId, Seen> result = new HashMap<>();
        for (UserId user : users) {
            if (seen.containsKey(user)) {
                result.put(user, seen.get(user));
            }
        }
        return result;
    }

    @Override
    public synchronized Seen seen(UserId user) {
        return seen.get(user);
    }

    private static Instant latest(Seen before, Instant at) {
        return before == null || at.isAfter(before.lastSeen()) ? at : before.lastSeen();
    }
}
