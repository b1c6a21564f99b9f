package dev.chat.adapter.in.udp;

import dev.chat.application.limits.RateLimit;
import dev.chat.domain.presence.PresenceSession;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;

/** The datagram checks, without a socket: every way a datagram can be wrong, and random bytes. */
class HeartbeatReceiverTest {
    private final Fixtures.Sessions sessions = new Fixtures.Sessions();
    private final Fixtures.Heartbeats heartbeats = new Fixtures.Heartbeats();
    private final HeartbeatReceiver receiver = new HeartbeatReceiver(sessions, heartbeats,
            new ConcurrentHashMap<>(), 60_000, RateLimit.OFF);
    /** Another node: its own cache of verified tickets and sequences, the same secret. */
    private final HeartbeatReceiver onAnotherNode = new HeartbeatReceiver(sessions, heartbeats,
            new ConcurrentHashMap<>(), 60_000, RateLimit.OFF);
    private final PresenceSession session = sessions.add(Fixtures.user(), Instant.now().plusSeconds(3600));
    private final long now = System.currentTimeMillis();

    @Test
    void aSignedTimelyHeartbeatIsRecordedForItsSessionsUserWithTheTimeItCarries() {
        assertThat(receive(Fixtures.heartbeat(session, 1, now - 5_000))).isEqualTo(DropReason.NONE);
        assertThat(heartbeats.withTimes).containsExactly(new Fixtures.Heartbeat(session.user(), now - 5_000));
    }

    @Test
    void anyNodeVerifiesAnySessionWithoutHavingSeenItAndAReplayThereCarriesOnlyTheOriginalTime() {
        byte[] first = Fixtures.heartbeat(session, 1, now - 1_000);
        assertThat(receive(first)).isEqualTo(DropReason.NONE);
        assertThat(onAnotherNode.receive(Arrays.copyOf(first, 2048), first.length, now + 20_000))
                .as("the other node knows no sequence of this session yet").isEqualTo(DropReason.NONE);
        assertThat(heartbeats.withTimes).extracting(Fixtures.Heartbeat::sentAt)
                .as("the replay says the user was alive when they were, nothing later").containsExactly(now - 1_000, now - 1_000);
        assertThat(onAnotherNode.receive(Arrays.copyOf(first, 2048), first.length, now + 20_000))
                .isEqualTo(DropReason.REPLAYED);
    }

    @Test
    void aTicketAlteredToNameAnotherUserOrALaterExpiryFailsItsMac() {
        byte[] valid = Fixtures.heartbeat(session, 1, now);
        byte[] otherUser = valid.clone();
        otherUser[HeartbeatDatagram.OFFSET_USER_LOW + 7] ^= 1;
        assertThat(receive(otherUser)).isEqualTo(DropReason.BAD_MAC);
        byte[] later = valid.clone();
        later[HeartbeatDatagram.OFFSET_EXPIRES_AT + 5] ^= 1;
        assertThat(receive(later)).isIn(DropReason.BAD_MAC, DropReason.EXPIRED_SESSION);
        assertThat(receive(valid)).as("and the genuine ticket still works").isEqualTo(DropReason.NONE);
        assertThat(heartbeats.received).containsExactly(session.user());
    }

    @Test
    void aRevokedSessionIsRefusedOnEveryNode() {
        assertThat(receive(Fixtures.heartbeat(session, 1, now))).isEqualTo(DropReason.NONE);
        sessions.revoke(session);
        assertThat(receive(Fixtures.heartbeat(session, 2, now))).isEqualTo(DropReason.REVOKED_SESSION);
        byte[] third = Fixtures.heartbeat(session, 3, now);
        assertThat(onAnotherNode.receive(Arrays.copyOf(third, 2048), third.length, now))
                .isEqualTo(DropReason.REVOKED_SESSION);
        assertThat(heartbeats.received).hasSize(1);
    }

    @Test
    void aReplayedOrOlderHeartbeatIsRefused() {
        byte[] first = Fixtures.heartbeat(session, 5, now);
        assertThat(receive(first)).isEqualTo(DropReason.NONE);
        assertThat(receive(first)).isEqualTo(DropReason.REPLAYED);
        assertThat(receive(Fixtures.heartbeat(session, 4, now))).isEqualTo(DropReason.REPLAYED);
        assertThat(receive(Fixtures.heartbeat(session, 6, now))).isEqualTo(DropReason.NONE);
        assertThat(heartbeats.received).hasSize(2);
    }

    @Test
    void aSessionPastItsRateIsDroppedWhileOtherSessionsAndForgeriesSpendNothingOfIt() {
        HeartbeatReceiver limited = new HeartbeatReceiver(sessions, heartbeats, new ConcurrentHashMap<>(), 60_000,
                RateLimit.parse("presence-per-session", "1/10s burst 3"));
        PresenceSession other = sessions.add(Fixtures.user(), Instant.now().plusSeconds(3600));
        PresenceSession mallory = sessions.add(Fixtures.user(), Instant.now().plusSeconds(3600));
        for (int forged = 1; forged <= 5; forged++) {
            byte[] bad = Fixtures.heartbeatSignedWith(session, mallory.key(), forged, now);
            assertThat(limited.receive(Arrays.copyOf(bad, 2048), bad.length, now)).isEqualTo(DropReason.BAD_MAC);
        }
        for (int sequence = 1; sequence <= 3; sequence++) {
            byte[] genuine = Fixtures.heartbeat(session, sequence, now);
            assertThat(limited.receive(Arrays.copyOf(genuine, 2048), genuine.length, now))
                    .as("within the burst of 3, forgeries before spent none of it").isEqualTo(DropReason.NONE);
        }
        byte[] fourth = Fixtures.heartbeat(session, 4, now);
        assertThat(limited.receive(Arrays.copyOf(fourth, 2048), fourth.length, now)).isEqualTo(DropReason.RATE_LIMITED);
        byte[] replay = Fixtures.heartbeat(session, 3, now);
        assertThat(limited.receive(Arrays.copyOf(replay, 2048), replay.length, now)).isEqualTo(DropReason.REPLAYED);
        byte[] others = Fixtures.heartbeat(other, 1, now);
        assertThat(limited.receive(Arrays.copyOf(others, 2048), others.length, now))
                .as("another session has its own permits").isEqualTo(DropReason.NONE);
        byte[] later = Fixtures.heartbeat(session, 5, now + 10_000);
        assertThat(limited.receive(Arrays.copyOf(later, 2048), later.length, now + 10_000))
                .as("one permit back after 10 s").isEqualTo(DropReason.NONE);
        assertThat(heartbeats.received).containsExactly(session.user(), session.user(), session.user(), other.user(),
                session.user());
    }

    @Test
    void aHeartbeatSignedWithAnotherSessionsKeyIsRefused() {
        PresenceSession mallory = sessions.add(Fixtures.user(), Instant.now().plusSeconds(3600));
        byte[] forged = Fixtures.heartbeatSignedWith(session, mallory.key(), 1, now);
        assertThat(receive(forged)).isEqualTo(DropReason.BAD_MAC);
        assertThat(heartbeats.received).isEmpty();
        assertThat(receive(Fixtures.heartbeat(session, 1, now)))
                .as("a forged heartbeat does not burn the sequence").isEqualTo(DropReason.NONE);
    }

    @Test
    void everyMalformedShapeHasItsReason() {
        byte[] valid = Fixtures.heartbeat(session, 1, now);
        assertThat(receive(Arrays.copyOf(valid, HeartbeatDatagram.LENGTH - 1))).isEqualTo(DropReason.TRUNCATED);
        assertThat(receive(new byte[0])).isEqualTo(DropReason.TRUNCATED);
        assertThat(receive(Arrays.copyOf(valid, HeartbeatDatagram.LENGTH + 1))).isEqualTo(DropReason.OVERSIZED);
        byte[] version = valid.clone();
        version[0] = 1;
        assertThat(receive(version)).isEqualTo(DropReason.UNKNOWN_VERSION);
        byte[] type = valid.clone();
        type[1] = 9;
        assertThat(receive(type)).isEqualTo(DropReason.UNKNOWN_TYPE);
        byte[] badMac = valid.clone();
        badMac[HeartbeatDatagram.LENGTH - 1] ^= 1;
        assertThat(receive(badMac)).isEqualTo(DropReason.BAD_MAC);
        PresenceSession notIssued = new PresenceSession(1, 2, Fixtures.user(), new byte[32], Instant.now().plusSeconds(60));
        assertThat(receive(Fixtures.heartbeat(notIssued, 1, now))).as("a ticket with a key of one's own")
                .isEqualTo(DropReason.BAD_MAC);
        assertThat(receive(Fixtures.heartbeat(session, 2, now - 61_000))).isEqualTo(DropReason.STALE);
        assertThat(receive(Fixtures.heartbeat(session, 3, now + 61_000))).isEqualTo(DropReason.STALE);
        PresenceSession expired = sessions.add(Fixtures.user(), Instant.now().minusSeconds(1));
        assertThat(receive(Fixtures.heartbeat(expired, 1, now))).isEqualTo(DropReason.EXPIRED_SESSION);
        assertThat(heartbeats.received).isEmpty();
    }

    @Property(tries = 2000)
    void randomBytesNeverCountAsAHeartbeatAndNeverThrow(@ForAll("datagrams") byte[] datagram) {
        byte[] buffer = Arrays.copyOf(datagram, 2048);
        DropReason outcome = receiver.receive(buffer, datagram.length, now);
        assertThat(outcome).isNotEqualTo(DropReason.NONE);
        assertThat(heartbeats.received).isEmpty();
    }

    @Property(tries = 2000)
    void anyAlteredByteOfAValidHeartbeatIsRefused(@ForAll @IntRange(min = 0, max = HeartbeatDatagram.LENGTH - 1) int index,
                                                   @ForAll @IntRange(min = 1, max = 255) int flip) {
        byte[] altered = Fixtures.heartbeat(session, 1, now);
        altered[index] ^= (byte) flip;
        assertThat(receive(altered)).isNotEqualTo(DropReason.NONE);
        assertThat(heartbeats.received).isEmpty();
    }

    @Provide
    Arbitrary<byte[]> datagrams() {
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(200);
        Arbitrary<byte[]> rightShape = Arbitraries.bytes().array(byte[].class).ofSize(HeartbeatDatagram.LENGTH)
                .map(b -> {
                    b[0] = HeartbeatDatagram.VERSION;
                    b[1] = HeartbeatDatagram.TYPE_HEARTBEAT;
                    return b;
                });
        Arbitrary<byte[]> knownSession = Arbitraries.bytes().array(byte[].class).ofSize(HeartbeatDatagram.LENGTH)
                .map(b -> {
                    byte[] valid = Fixtures.heartbeat(session, 1, now);
                    System.arraycopy(valid, 0, b, 0, HeartbeatDatagram.OFFSET_SEQUENCE);
                    // a genuine ticket, with random sequence, time and MAC
                    return b;
                });
        return Arbitraries.oneOf(anyBytes, rightShape, knownSession);
    }

    private DropReason receive(byte[] datagram) {
        byte[] buffer = Arrays.copyOf(datagram, Math.max(datagram.length, 2048));
        return receiver.receive(buffer, datagram.length, now);
    }
}
