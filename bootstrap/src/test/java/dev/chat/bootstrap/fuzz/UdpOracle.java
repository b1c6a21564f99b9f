package dev.chat.bootstrap.fuzz;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What docs/presence-datagram.md, "What the server checks, in order", says becomes of a datagram:
 * the reason it is dropped for ({@code truncated}, {@code bad_mac}, ...) or {@code none} for an
 * accepted heartbeat. The fuzzer knows the keys of the sessions it opened, so it knows which MACs
 * are good; any other ticket's key is the server's secret.
 */
final class UdpOracle {
    private static final long MAX_SKEW_MILLIS = 60_000;

    private final List<PresenceSession> sessions;
    private final Set<String> revoked;
    private final Map<String, Long> lastAccepted = new HashMap<>();

    UdpOracle(List<PresenceSession> sessions, Set<String> revoked) {
        this.sessions = sessions;
        this.revoked = revoked;
    }

    /** The outcome of this datagram, received at {@code now}; an accepted heartbeat moves its session's sequence. */
    String judge(byte[] d, long now) {
        if (d.length < PresenceSession.LENGTH) {
            return "truncated";
        }
        if (d.length > PresenceSession.LENGTH) {
            return "oversized";
        }
        if (d[0] != 2) {
            return "unknown_version";
        }
        if (d[1] != 1) {
            return "unknown_type";
        }
        ByteBuffer view = ByteBuffer.wrap(d);
        if (now >= view.getLong(36)) {
            return "expired_session";
        }
        PresenceSession session = sessions.stream().filter(s -> s.signed(d)).findFirst().orElse(null);
        if (session == null) {
            return "bad_mac";
        }
        if (revoked.contains(session.sessionId())) {
            return "revoked_session";
        }
        if (Math.abs(now - view.getLong(52)) > MAX_SKEW_MILLIS) {
            return "stale";
        }
        long sequence = view.getLong(44);
        if (sequence <= lastAccepted.getOrDefault(session.sessionId(), Long.MIN_VALUE)) {
            return "replayed";
        }
        lastAccepted.put(session.sessionId(), sequence);
        return "none";
    }
}
