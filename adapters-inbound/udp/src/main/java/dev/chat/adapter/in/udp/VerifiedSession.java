package dev.chat.adapter.in.udp;

import dev.chat.application.limits.RateGate;
import dev.chat.domain.user.UserId;

import javax.crypto.spec.SecretKeySpec;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A ticket this node has verified once: its derived key, so that the next heartbeats cost one HMAC
 * and no derivation, the last sequence number accepted here, and the session's rate gate on this node.
 */
final class VerifiedSession {
    final long idLow;
    final long userHigh;
    final long userLow;
    final long expiresAtMillis;
    final UserId user;
    final SecretKeySpec key;
    final RateGate gate;
    private final AtomicLong lastSequence = new AtomicLong(Long.MIN_VALUE);

    VerifiedSession(long idLow, UserId user, long expiresAtMillis, SecretKeySpec key, RateGate gate) {
        this.gate = gate;
        this.idLow = idLow;
        this.userHigh = user.value().getMostSignificantBits();
        this.userLow = user.value().getLeastSignificantBits();
        this.expiresAtMillis = expiresAtMillis;
        this.user = user;
        this.key = key;
    }

    /** The same ticket (the map is keyed by the id's high bits). */
    boolean matches(long otherIdLow, long otherUserHigh, long otherUserLow, long otherExpiresAt) {
        return idLow == otherIdLow && userHigh == otherUserHigh && userLow == otherUserLow
                && expiresAtMillis == otherExpiresAt;
    }

    /** Accepts a sequence number higher than every one accepted here before; a replayed or older one is refused. */
    boolean acceptSequence(long sequence) {
        while (true) {
            long last = lastSequence.get();
            if (sequence <= last) {
                return false;
            }
            if (lastSequence.compareAndSet(last, sequence)) {
                return true;
            }
        }
    }
}
