package dev.chat.domain.presence;

import dev.chat.domain.Require;
import dev.chat.domain.user.UserId;

import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The right to send presence heartbeats for a user, handed to one of their logged-in devices over
 * an authenticated channel: a random 128-bit id and a secret key that signs every heartbeat.
 * Replays are refused because each heartbeat's sequence number must be higher than the last one
 * accepted for the session.
 */
public final class PresenceSession {
    public static final int KEY_BYTES = 32;

    private final long idHigh;
    private final long idLow;
    private final UserId user;
    private final byte[] key;
    private final Instant expiresAt;
    private final long expiresAtMillis;
    private final AtomicLong lastSequence = new AtomicLong(-1);

    public PresenceSession(long idHigh, long idLow, UserId user, byte[] key, Instant expiresAt) {
        this.idHigh = idHigh;
        this.idLow = idLow;
        this.user = Require.present(user, "user");
        Require.present(key, "key");
        Require.that(key.length == KEY_BYTES, "a presence session key has " + KEY_BYTES + " bytes");
        this.key = key.clone();
        this.expiresAt = Require.present(expiresAt, "expiry");
        this.expiresAtMillis = expiresAt.toEpochMilli();
    }

    public long idHigh() {
        return idHigh;
    }

    public long idLow() {
        return idLow;
    }

    /** The id as the client is given it: 32 lower-case hex digits, high bits first. */
    public String idHex() {
        return String.format("%016x%016x", idHigh, idLow);
    }

    /** The key as the client is given it: base64url without padding. */
    public String keyBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    public UserId user() {
        return user;
    }

    /** A copy of the secret key (for the device it is issued to, and for verifying signatures). */
    public byte[] key() {
        return key.clone();
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean isExpired(Instant now) {
        return isExpiredAt(now.toEpochMilli());
    }

    /** The same check in epoch milliseconds, for the per-datagram path. */
    public boolean isExpiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /**
     * Accepts a heartbeat's sequence number if it is higher than every one accepted before; a
     * replayed or reordered older heartbeat is refused.
     */
    public boolean acceptSequence(long sequence) {
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

    @Override
    public String toString() {
        // never print the key
        return "PresenceSession[" + Long.toHexString(idHigh) + Long.toHexString(idLow) + ", " + user + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PresenceSession s && s.idHigh == idHigh && s.idLow == idLow;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(idHigh) * 31 + Long.hashCode(idLow);
    }
}
