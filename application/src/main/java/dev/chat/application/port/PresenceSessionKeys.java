package dev.chat.application.port;

import dev.chat.domain.user.UserId;

/**
 * Outbound port: the key of a presence session, derived from its ticket and a secret that every
 * node of the cluster holds. Any node can then verify any heartbeat without a lookup or a network
 * round trip; the same ticket gives the same key on every node and after a restart.
 */
public interface PresenceSessionKeys {
    /** The session's 32-byte key. */
    byte[] keyOf(long idHigh, long idLow, UserId user, long expiresAtMillis);
}
