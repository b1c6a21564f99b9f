package dev.chat.adapter.in.udp;

import dev.chat.application.identity.Caller;
import dev.chat.application.presence.HeartbeatUseCase;
import dev.chat.application.presence.PresenceSessionsUseCase;
import dev.chat.domain.presence.PresenceSession;
import dev.chat.domain.user.UserId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stand-ins for the presence use cases (keys derived from a secret, as on every node), and a client that signs heartbeats. */
final class Fixtures {
    private Fixtures() {
    }

    static final class Sessions implements PresenceSessionsUseCase {
        private final byte[] secret = new byte[32];
        private final SecureRandom random = new SecureRandom();
        private final Set<String> revoked = ConcurrentHashMap.newKeySet();

        Sessions() {
            random.nextBytes(secret);
        }

        @Override
        public PresenceSession open(Caller caller) {
            return add(caller.user(), Instant.now().plusSeconds(3600));
        }

        PresenceSession add(UserId user, Instant expiresAt) {
            long high = random.nextLong();
            long low = random.nextLong();
            return new PresenceSession(high, low, user, keyOf(high, low, user, expiresAt.toEpochMilli()), expiresAt);
        }

        @Override
        public void revoke(Caller caller, String sessionIdHex) {
            revoked.add(sessionIdHex + caller.user());
        }

        void revoke(PresenceSession session) {
            revoked.add(session.idHex() + session.user());
        }

        @Override
        public byte[] keyOf(long idHigh, long idLow, UserId user, long expiresAtMillis) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac.doFinal(ByteBuffer.allocate(40).putLong(idHigh).putLong(idLow)
                        .putLong(user.value().getMostSignificantBits()).putLong(user.value().getLeastSignificantBits())
                        .putLong(expiresAtMillis).array());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean isRevoked(long idHigh, long idLow, UserId user) {
            return !revoked.isEmpty() && revoked.contains(String.format("%016x%016x", idHigh, idLow) + user);
        }
    }

    record Heartbeat(UserId user, long sentAt) {
    }

    static final class Heartbeats implements HeartbeatUseCase {
        final List<UserId> received = new CopyOnWriteArrayList<>();
        final List<Heartbeat> withTimes = new CopyOnWriteArrayList<>();

        @Override
        public void heartbeat(UserId user, long sentAtMillis) {
            received.add(user);
            withTimes.add(new Heartbeat(user, sentAtMillis));
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
        HeartbeatDatagram.write(out, session.ticket(), sequence, sentAt, HeartbeatSigner.keyed(key));
        return out.array();
    }
}
