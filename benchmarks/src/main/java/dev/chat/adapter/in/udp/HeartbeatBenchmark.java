package dev.chat.adapter.in.udp;

import dev.chat.application.identity.Caller;
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
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-datagram path of presence: decode and verify a heartbeat (length, version, session
 * lookup, HMAC-SHA256, clock, sequence) and record it. Datagrams are signed beforehand, with
 * increasing sequence numbers, so only the server's work is measured; each iteration starts a
 * fresh session so the sequence check passes. Run with {@code -prof gc} for the allocation per
 * datagram. (In this package because the receiver is package-private to the UDP adapter.)
 */
@State(Scope.Thread)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class HeartbeatBenchmark {
    private static final int PREPARED = 1 << 21;

    private byte[] key;
    private byte[] prepared;
    private long signedAt;
    private volatile PresenceSession session;
    private HeartbeatReceiver receiver;
    private byte[] datagram;
    private int next;

    @Setup(Level.Trial)
    public void prepare() {
        key = new byte[PresenceSession.KEY_BYTES];
        new SecureRandom().nextBytes(key);
        prepared = new byte[PREPARED * HeartbeatDatagram.LENGTH];
        signedAt = System.currentTimeMillis();
        HeartbeatSigner signer = HeartbeatSigner.keyed(key);
        ByteBuffer out = ByteBuffer.wrap(prepared);
        for (int i = 0; i < PREPARED; i++) {
            HeartbeatDatagram.write(out, 11, 22, i + 1, signedAt, signer);
        }
        PresenceSessionsUseCase sessions = new PresenceSessionsUseCase() {
            @Override
            public PresenceSession open(Caller caller) {
                return session;
            }

            @Override
            public PresenceSession find(long idHigh, long idLow) {
                PresenceSession s = session;
                return idHigh == s.idHigh() && idLow == s.idLow() ? s : null;
            }
        };
        HeartbeatUseCase heartbeats = user -> { };
        receiver = new HeartbeatReceiver(sessions, heartbeats, new ConcurrentHashMap<>(), 3_600_000);
        datagram = new byte[2048];
    }

    @Setup(Level.Iteration)
    public void freshSession() {
        session = new PresenceSession(11, 22, new UserId(UUID.randomUUID()), key, Instant.now().plusSeconds(86_400));
        next = 0;
    }

    @Benchmark
    public DropReason decodeAndVerify() {
        int index = next++ & (PREPARED - 1);
        System.arraycopy(prepared, index * HeartbeatDatagram.LENGTH, datagram, 0, HeartbeatDatagram.LENGTH);
        return receiver.receive(datagram, HeartbeatDatagram.LENGTH, signedAt);
    }
}
