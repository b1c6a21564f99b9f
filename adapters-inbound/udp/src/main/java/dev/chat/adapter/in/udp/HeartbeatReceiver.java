package dev.chat.adapter.in.udp;

import dev.chat.application.presence.HeartbeatUseCase;
import dev.chat.application.presence.PresenceSessionsUseCase;
import dev.chat.domain.presence.PresenceSession;

import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks one datagram and, when it is a valid heartbeat, records it. The checks go from cheap to
 * dear (length, version, session lookup, MAC, sequence, clock) and nothing in them throws on any
 * input. One instance per receiving thread.
 */
final class HeartbeatReceiver {
    private final PresenceSessionsUseCase sessions;
    private final HeartbeatUseCase heartbeats;
    private final ConcurrentHashMap<PresenceSession, SecretKeySpec> keys;
    private final long maxSkewMillis;
    private final HeartbeatSigner signer = new HeartbeatSigner();

    HeartbeatReceiver(PresenceSessionsUseCase sessions, HeartbeatUseCase heartbeats,
                      ConcurrentHashMap<PresenceSession, SecretKeySpec> keys, long maxSkewMillis) {
        this.sessions = sessions;
        this.heartbeats = heartbeats;
        this.keys = keys;
        this.maxSkewMillis = maxSkewMillis;
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
        PresenceSession session = sessions.find(view.getLong(HeartbeatDatagram.OFFSET_SESSION_HIGH),
                view.getLong(HeartbeatDatagram.OFFSET_SESSION_LOW));
        if (session == null) {
            return DropReason.UNKNOWN_SESSION;
        }
        SecretKeySpec key = keys.computeIfAbsent(session, s -> new SecretKeySpec(s.key(), "HmacSHA256"));
        if (!signer.verify(key, datagram, 0, HeartbeatDatagram.SIGNED_LENGTH)) {
            return DropReason.BAD_MAC;
        }
        long sentAt = view.getLong(HeartbeatDatagram.OFFSET_SENT_AT);
        if (Math.abs(nowMillis - sentAt) > maxSkewMillis) {
            return DropReason.STALE;
        }
        // the sequence is checked last: only a genuine, timely heartbeat may advance it
        if (!session.acceptSequence(view.getLong(HeartbeatDatagram.OFFSET_SEQUENCE))) {
            return DropReason.REPLAYED;
        }
        heartbeats.heartbeat(session.user());
        return DropReason.NONE;
    }
}
