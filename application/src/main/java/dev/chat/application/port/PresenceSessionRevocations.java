package dev.chat.application.port;

import dev.chat.domain.user.UserId;

import java.time.Instant;

/**
 * Outbound port: presence sessions revoked before their expiry. Sessions are not stored (their key
 * is derived), so revoking one is the only state they have: a short list, since an entry is needed
 * only until the session would have expired anyway. {@link #isRevoked} runs for every verified
 * heartbeat, so it must not block or allocate; a revocation made on one node must hold on every
 * node (within the adapter's stated delay).
 */
public interface PresenceSessionRevocations {
    /** Revokes the session with this id of this user (another user's session of the same id stays valid). */
    void revoke(long idHigh, long idLow, UserId user, Instant keptUntil);

    boolean isRevoked(long idHigh, long idLow, UserId user);

    /** Forgets revocations kept until before {@code now}; returns how many. */
    int forgetExpired(Instant now);
}
