package dev.chat.domain.presence;

import dev.chat.domain.Require;
import dev.chat.domain.user.UserId;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * The right to send presence heartbeats for a user, handed to one of their logged-in devices over
 * an authenticated channel. Its <em>ticket</em> (a random 128-bit id, the user and the expiry) is
 * what every heartbeat carries in clear; its key, which signs every heartbeat, is derived from the
 * ticket and a secret the nodes share, so that any node verifies any heartbeat without looking the
 * session up (docs/presence-datagram.md).
 */
public final class PresenceSession {
    public static final int KEY_BYTES = 32;
    /** Session id (16 bytes), user id (16 bytes), expiry in Unix epoch milliseconds (8 bytes). */
    public static final int TICKET_BYTES = 40;

    private final long idHigh;
    private final long idLow;
    private final UserId user;
    private final byte[] key;
    private final Instant expiresAt;

    public PresenceSession(long idHigh, long idLow, UserId user, byte[] key, Instant expiresAt) {
        this.idHigh = idHigh;
        this.idLow = idLow;
        this.user = Require.present(user, "user");
        Require.present(key, "key");
        Require.that(key.length == KEY_BYTES, "a presence session key has " + KEY_BYTES + " bytes");
        this.key = key.clone();
        Require.present(expiresAt, "expiry");
        // whole milliseconds: the ticket carries the expiry in milliseconds and the key is derived from it
        this.expiresAt = Instant.ofEpochMilli(expiresAt.toEpochMilli());
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

    /** Parses an id given as {@link #idHex()}; null when it is not 32 hex digits. */
    public static long[] parseIdHex(String hex) {
        if (hex == null || hex.length() != 32) {
            return null;
        }
        try {
            return new long[]{Long.parseUnsignedLong(hex.substring(0, 16), 16),
                    Long.parseUnsignedLong(hex.substring(16), 16)};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The key as the client is given it: base64url without padding. */
    public String keyBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    /** The ticket's 40 bytes as every heartbeat carries them (bytes 4 to 43 of the datagram). */
    public byte[] ticket() {
        UUID id = user.value();
        return ByteBuffer.allocate(TICKET_BYTES).putLong(idHigh).putLong(idLow)
                .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .putLong(expiresAt.toEpochMilli()).array();
    }

    /** The ticket as the client is given it: base64url without padding. */
    public String ticketBase64Url() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(ticket());
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
        return nowMillis >= expiresAt.toEpochMilli();
    }

    @Override
    public String toString() {
        // never print the key
        return "PresenceSession[" + idHex() + ", " + user + "]";
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
