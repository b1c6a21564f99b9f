package dev.chat.application.port;

import dev.chat.domain.presence.PresenceSession;

import java.time.Instant;

/**
 * Outbound port: the presence sessions handed out to devices. {@link #find} runs for every
 * heartbeat datagram, so it must not allocate or block.
 */
public interface PresenceSessionStore {
    void save(PresenceSession session);

    /** The session with this id, or null. */
    PresenceSession find(long idHigh, long idLow);

    /** Forgets sessions expired at {@code now}; returns how many. */
    int removeExpired(Instant now);
}
