package dev.chat.application.presence;

import dev.chat.application.identity.Caller;
import dev.chat.domain.presence.PresenceSession;
import dev.chat.domain.user.UserId;

/**
 * Inbound port: presence sessions. A logged-in device opens one over an authenticated channel
 * and signs its UDP heartbeats with it; the UDP adapter derives a session's key from the ticket a
 * heartbeat carries to verify it, on whichever node the heartbeat arrives.
 */
public interface PresenceSessionsUseCase {
    PresenceSession open(Caller caller);

    /**
     * Revokes one of the caller's sessions, given as its 32 hex digits: its heartbeats are refused
     * from then on, on every node. Rejects a malformed id with {@code INVALID_INPUT}; revoking an
     * id the caller never had changes nothing for anyone else.
     */
    void revoke(Caller caller, String sessionIdHex);

    /** The key a genuine session with this ticket holds (its heartbeats' signatures are checked with it). */
    byte[] keyOf(long idHigh, long idLow, UserId user, long expiresAtMillis);

    /** Per verified heartbeat: allocates nothing. */
    boolean isRevoked(long idHigh, long idLow, UserId user);
}
