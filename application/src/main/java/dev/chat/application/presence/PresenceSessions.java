package dev.chat.application.presence;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.PresenceSessionKeys;
import dev.chat.application.port.PresenceSessionRevocations;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.presence.PresenceSession;
import dev.chat.domain.user.UserId;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Use case: issuing presence sessions (a random id, the caller, an expiry a day later, and the key
 * derived from them) and revoking them. Nothing is stored when a session opens: any node derives the
 * same key from the ticket, so a heartbeat is verified wherever it arrives.
 */
public final class PresenceSessions implements PresenceSessionsUseCase {
    public static final Duration LIFETIME = Duration.ofHours(24);

    private final PresenceSessionKeys keys;
    private final PresenceSessionRevocations revocations;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PresenceSessions(PresenceSessionKeys keys, PresenceSessionRevocations revocations, Clock clock) {
        this.keys = keys;
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public PresenceSession open(Caller caller) {
        long idHigh = random.nextLong();
        long idLow = random.nextLong();
        long expiresAt = clock.millis() + LIFETIME.toMillis();
        return new PresenceSession(idHigh, idLow, caller.user(), keys.keyOf(idHigh, idLow, caller.user(), expiresAt),
                Instant.ofEpochMilli(expiresAt));
    }

    @Override
    public void revoke(Caller caller, String sessionIdHex) {
        long[] id = PresenceSession.parseIdHex(sessionIdHex);
        if (id == null) {
            throw RejectedException.of(Rejection.INVALID_INPUT, "a presence session id is 32 hex digits");
        }
        // kept for a whole lifetime: the session, opened at the latest now, has expired by then
        revocations.revoke(id[0], id[1], caller.user(), clock.instant().plus(LIFETIME));
    }

    @Override
    public byte[] keyOf(long idHigh, long idLow, UserId user, long expiresAtMillis) {
        return keys.keyOf(idHigh, idLow, user, expiresAtMillis);
    }

    @Override
    public boolean isRevoked(long idHigh, long idLow, UserId user) {
        return revocations.isRevoked(idHigh, idLow, user);
    }

    /** Periodic clean-up of revocations past their sessions' lifetime; returns how many were dropped. */
    public int forgetExpired() {
        return revocations.forgetExpired(clock.instant());
    }
}
