package dev.chat.adapter.in.udp;

import dev.chat.application.identity.Caller;
import dev.chat.application.presence.HeartbeatUseCase;
import dev.chat.application.presence.PresenceSessionsUseCase;
import dev.chat.domain.presence.PresenceSession;
import dev.chat.domain.user.UserId;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** In-memory stand-ins for the presence use cases, and a client that signs heartbeats. */
final class Fixtures {
    private Fixtures() {
    }

    static final class Sessions implements PresenceSessionsUseCase {
        private final ConcurrentHashMap<String, PresenceSession> byId = new ConcurrentHashMap<>();
        private final SecureRandom random = new SecureRandom();

        @Override
        public PresenceSession open(Caller caller) {
            return add(caller.user(), Instant.now().plusSeconds(3600));
        }

        PresenceSession add(UserId user, Instant expiresAt) {
            byte[] key = new byte[PresenceSession.KEY_BYTES];
            random.nextBytes(key);
            PresenceSession session = new PresenceSession(random.nextLong(), random.nextLong(), user, key, expiresAt);
            byId.put(session.idHigh() + ":" + session.idLow(), session);
            return session;
        }

        @Override
        public PresenceSession find(long idHigh, long idLow) {
            PresenceSession session = byId.get(idHigh + ":" + idLow);
            return session == null || session.isExpiredAt(System.currentTimeMillis()) ? null : session;
        }
    }

    static final class Heartbeats implements HeartbeatUseCase {
        final List<UserId> received = new CopyOnWriteArrayList<>();

        @Override
        public void heartbeat(UserId user) {
            received.add(user);
        }
    }

    static UserId user() {
        return new UserId(UUID.randomUUID());
    }

    static byte[] heartbeat(PresenceSession session, long sequence, long sentAt) {
        return heartbeatSignedWith(session, session.key(), sequence, sentAt);
    }

    static byte[] heartbeatSignedWith(PresenceSession session, byte[] key, long sequence, long sentAt) {
        ByteBuffer out = ByteBuffer.allocate(HeartbeatDatagram.LENGTH);
        HeartbeatDatagram.write(out, session.idHigh(), session.idLow(), sequence, sentAt, HeartbeatSigner.keyed(key));
        return out.array();
    }
}
