package dev.chat.application.port;

import dev.chat.domain.user.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Outbound port: each user's latest sign of life. The embedded default keeps it in memory; a
 * cluster keeps it in a shared store with a time to live.
 */
public interface PresenceStore {
    /** A user's liveness: last seen (any sign of life), last heartbeat (null if none), open connections. */
    record Seen(Instant lastSeen, Instant lastHeartbeat, int openConnections) {
    }

    void connectionOpened(UserId user, Instant at);

    void connectionClosed(UserId user, Instant at);

    /** Hot path: called for every accepted heartbeat datagram, so it must not allocate. */
    void heartbeat(UserId user, long epochMillis);

    Map<UserId, Seen> seen(Collection<UserId> users);

    /** One user's sign of life, or null when never seen. */
    Seen seen(UserId user);
}
