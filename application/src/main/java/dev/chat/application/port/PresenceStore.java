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
    record Seen(Instant lastSignOfLife, int openConnections) {
    }

    void connectionOpened(UserId user, Instant at);

    void connectionClosed(UserId user, Instant at);

    void heartbeat(UserId user, Instant at);

    Map<UserId, Seen> seen(Collection<UserId> users);
}
