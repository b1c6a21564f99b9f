package dev.chat.adapter.in.udp;

import dev.chat.application.limits.RateGate;
import dev.chat.application.limits.RateLimit;
import dev.chat.application.presence.HeartbeatUseCase;
import dev.chat.application.presence.PresenceSessionsUseCase;
import dev.chat.domain.user.UserId;

import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks one datagram and, when it is a valid heartbeat, records it. The checks go from cheap to
 * dear (length, version, expiry, MAC with the key derived from the ticket, revocation, clock,
 * sequence, the session's rate) and nothing in them throws on any input. A ticket seen before costs no derivation: its
 * key waits in {@code verified}, shared by the node's receiving threads. One instance per thread.
 */
final class HeartbeatReceiver {
    private final PresenceSessionsUseCase sessions;
    private final HeartbeatUseCase heartbeats;
    private final ConcurrentHashMap<Long, VerifiedSession> verified;
    private final long maxSkewMillis;
    private final RateLimit perSession;
    private final HeartbeatSigner signer = new HeartbeatSigner();

    HeartbeatReceiver(PresenceSessionsUseCase sessions, HeartbeatUseCase heartbeats,
                      ConcurrentHashMap<Long, VerifiedSession> verified, long maxSkewMillis, RateLimit perSession) {
        this.sessions = sessions;
        this.heartbeats = heartbeats;
        this.verified = verified;
        this.maxSkewMillis = maxSkewMillis;
        this.perSession = perSession;
    }

    /** {@code datagram} holds the received bytes from index 0 to {@code length}. */
    DropReason receive(byte[] datagram, int length, long nowMillis) {
        if (length < HeartbeatDatagram.LENGTH) {
            return DropReason.TRUNCATED;
        }
        if (length > HeartbeatDatagram.LENGTH) {
            return DropReason.OVERSIZED;
        }
        if (datagram[0] != HeartbeatDatagram.VERSION) {
            return DropReason.UNKNOWN_VERSION;
        }
        if (datagram[1] != HeartbeatDatagram.TYPE_HEARTBEAT) {
            return DropReason.UNKNOWN_TYPE;
        }
        ByteBuffer view = ByteBuffer.wrap(datagram, 0, length);
        long expiresAt = view.getLong(HeartbeatDatagram.OFFSET_EXPIRES_AT);
        if (nowMillis >= expiresAt) {
            return DropReason.EXPIRED_SESSION;
        }
        VerifiedSession session = verify(datagram, view, expiresAt, nowMillis);
        if (session == null) {
            return DropReason.BAD_MAC;
        }
        if (sessions.isRevoked(view.getLong(HeartbeatDatagram.OFFSET_SESSION_HIGH), session.idLow, session.user)) {
            return DropReason.REVOKED_SESSION;
        }
        long sentAt = view.getLong(HeartbeatDatagram.OFFSET_SENT_AT);
        if (Math.abs(nowMillis - sentAt) > maxSkewMillis) {
            return DropReason.STALE;
        }
        // the sequence is checked last: only a genuine, timely heartbeat may advance it
        if (!session.acceptSequence(view.getLong(HeartbeatDatagram.OFFSET_SEQUENCE))) {
            return DropReason.REPLAYED;
        }
        // after the MAC and the sequence: only the session's own new heartbeats spend its permits
        if (!session.gate.tryAcquire(nowMillis * 1_000_000L)) {
            return DropReason.RATE_LIMITED;
        }
        heartbeats.heartbeat(session.user, sentAt);
        return DropReason.NONE;
    }

    /** The verified session whose key signed this datagram, or null when the MAC does not match. */
    private VerifiedSession verify(byte[] datagram, ByteBuffer view, long expiresAt, long nowMillis) {
        long idHigh = view.getLong(HeartbeatDatagram.OFFSET_SESSION_HIGH);
        long idLow = view.getLong(HeartbeatDatagram.OFFSET_SESSION_LOW);
        long userHigh = view.getLong(HeartbeatDatagram.OFFSET_USER_HIGH);
        long userLow = view.getLong(HeartbeatDatagram.OFFSET_USER_LOW);
        VerifiedSession known = verified.get(idHigh);
        if (known != null && known.matches(idLow, userHigh, userLow, expiresAt)) {
            return signer.verify(known.key, datagram, 0, HeartbeatDatagram.SIGNED_LENGTH) ? known : null;
        }
        UserId user = new UserId(new UUID(userHigh, userLow));
        SecretKeySpec key = new SecretKeySpec(sessions.keyOf(idHigh, idLow, user, expiresAt), "HmacSHA256");
        if (!signer.verify(key, datagram, 0, HeartbeatDatagram.SIGNED_LENGTH)) {
            // a forged ticket never enters the cache
            return null;
        }
        VerifiedSession fresh = new VerifiedSession(idLow, user, expiresAt, key,
                RateGate.of(perSession, nowMillis * 1_000_000L));
        return verified.compute(idHigh, (high, current) ->
                current != null && current.matches(idLow, userHigh, userLow, expiresAt) ? current : fresh);
    }
}
