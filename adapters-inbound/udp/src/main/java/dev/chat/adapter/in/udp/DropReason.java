package dev.chat.adapter.in.udp;

import java.util.Locale;

/** What became of a datagram. Every dropped datagram is counted by its reason; none gets a reply. */
public enum DropReason {
    /** Not dropped: a verified heartbeat. */
    NONE,
    TRUNCATED,
    OVERSIZED,
    UNKNOWN_VERSION,
    UNKNOWN_TYPE,
    /** The ticket's session has expired. */
    EXPIRED_SESSION,
    /** The MAC does not match the ticket's key: forged, corrupted, or a ticket altered. */
    BAD_MAC,
    /** A genuine session its user revoked. */
    REVOKED_SESSION,
    REPLAYED,
    STALE,
    /** A genuine new heartbeat, past its session's rate ({@code chat.limits.presence-per-session}). */
    RATE_LIMITED,
    /** Handling failed inside the server (a bug, never the sender's doing); logged. */
    FAILED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
