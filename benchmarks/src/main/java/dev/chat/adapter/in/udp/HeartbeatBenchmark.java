package dev.chat.adapter.in.udp;

import dev.chat.application.identity.Caller;
import dev.chat.application.limits.RateLimit;
import dev.chat.application.presence.HeartbeatUseCase;
import dev.chat.application.presence.PresenceSessionsUseCase;
import dev.chat.domain.presence.PresenceSession;
import dev.chat.domain.user.UserId;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-datagram path of presence: decode and verify a heartbeat (length, version, expiry,
 * HMAC-SHA256 with the ticket's key, found in the node's cache of verified tickets after the first,
 * revocation, clock, sequence) and record it. Datagrams are signed beforehand, with increasing
 * sequence numbers, so only the server's work is measured; each iteration starts with a fresh cache
 * so the sequence check passes. Run with {@code -prof gc} for the allocation per datagram. (In this
 * package because the receiver is package-private to the UDP adapter.)
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeartbeatBenchmark {
    private static final int PREPARED = 1 << 21;

    private byte[] prepared;
    private long signedAt;
    private PresenceSessionsUseCase sessions;
    private HeartbeatReceiver receiver;
    private byte[] datagram;
    private int next;

    @Setup(Level.Trial)
    public void prepare() {
        byte[] key = new byte[PresenceSession.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        PresenceSession session = new PresenceSession(11, 22, new UserId(UUID.randomUUID()), key,
                Instant.now().plusSeconds(86_400));
        prepared = new byte[PREPARED * HeartbeatDatagram.LENGTH];
        signedAt = System.currentTimeMillis();
        HeartbeatSigner signer = HeartbeatSigner.keyed(key);
        ByteBuffer out = ByteBuffer.wrap(prepared);
        byte[] ticket = session.ticket();
        for (int i = 0; i < PREPARED; i++) {
            HeartbeatDatagram.write(out, ticket, i + 1, signedAt, signer);
        }
        sessions = new PresenceSessionsUseCase() {
            @Override
            public PresenceSession open(Caller caller) {
                return session;
            }

            @Override
            public void revoke(Caller caller, String sessionIdHex) {
            }

            @Override
            public byte[] keyOf(long idHigh, long idLow, UserId user, long expiresAtMillis) {
                return key.clone();
            }

            @Override
            public boolean isRevoked(long idHigh, long idLow, UserId user) {
                return false;
            }
        };
        datagram = new byte[2048];
    }

    @Setup(Level.Iteration)
    public void freshCache() {
        HeartbeatUseCase heartbeats = (user, sentAt) -> { };
        // the session's rate gate runs on every datagram as in production, at a rate it never refuses
        receiver = new HeartbeatReceiver(sessions, heartbeats, new ConcurrentHashMap<>(), 3_600_000,
                new RateLimit(Integer.MAX_VALUE, Duration.ofSeconds(1), Integer.MAX_VALUE));
        next = 0;
    }

    @Benchmark
    public DropReason decodeAndVerify() {
        int index = next++ & (PREPARED - 1);
        System.arraycopy(prepared, index * HeartbeatDatagram.LENGTH, datagram, 0, HeartbeatDatagram.LENGTH);
        return receiver.receive(datagram, HeartbeatDatagram.LENGTH, signedAt);
    }
}
