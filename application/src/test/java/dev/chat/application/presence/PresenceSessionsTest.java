package dev.chat.application.presence;

import dev.chat.application.port.PresenceSessionKeys;
import dev.chat.application.port.contract.ManualClock;
import dev.chat.application.port.memory.InMemoryPresenceSessionRevocations;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.presence.PresenceSession;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Presence sessions: a random id per device, valid for a day, with a key derived from the ticket; revocable. */
class PresenceSessionsTest {
    /** A stand-in derivation: the key is a function of the ticket alone, as the real one is (with a secret). */
    private static final PresenceSessionKeys KEYS = (idHigh, idLow, user, expiresAt) -> ByteBuffer.allocate(32)
            .putLong(idHigh).putLong(idLow ^ expiresAt).putLong(user.value().getMostSignificantBits())
            .putLong(user.value().getLeastSignificantBits()).array();

    private final ManualClock clock = new ManualClock();
    private final InMemoryPresenceSessionRevocations revocations = new InMemoryPresenceSessionRevocations();
    private final PresenceSessions sessions = new PresenceSessions(KEYS, revocations, clock);

    @Test
    void aSessionIsIssuedToTheCallerForADayWithTheKeyItsTicketDerives() {
        PresenceSession session = sessions.open(caller(ALICE));

        assertThat(session.user()).isEqualTo(ALICE.id());
        assertThat(session.expiresAt()).isEqualTo(ManualClock.MORNING.plus(Duration.ofHours(24)));
        assertThat(session.key()).isEqualTo(sessions.keyOf(session.idHigh(), session.idLow(), ALICE.id(),
                session.expiresAt().toEpochMilli()));
        ByteBuffer ticket = ByteBuffer.wrap(session.ticket());
        assertThat(ticket.getLong()).isEqualTo(session.idHigh());
        assertThat(ticket.getLong()).isEqualTo(session.idLow());
        assertThat(new UserId(new java.util.UUID(ticket.getLong(), ticket.getLong()))).isEqualTo(ALICE.id());
        assertThat(ticket.getLong()).isEqualTo(session.expiresAt().toEpochMilli());
    }

    @Test
    void everySessionHasItsOwnRandomIdAndA32ByteKey() {
        List<PresenceSession> opened = IntStream.range(0, 50)
                .mapToObj(i -> sessions.open(caller(i % 2 == 0 ? ALICE : BOB))).toList();

        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (PresenceSession session : opened) {
            ids.add(session.idHex());
            keys.add(Arrays.toString(session.key()));
            assertThat(session.key()).hasSize(32);
        }
        assertThat(ids).hasSize(50);
        assertThat(keys).hasSize(50);
    }

    @Test
    void aRevokedSessionIsRevokedForItsUserOnlyAndForgottenAfterALifetime() {
        PresenceSession alices = sessions.open(caller(ALICE));

        sessions.revoke(caller(BOB), alices.idHex());
        assertThat(sessions.isRevoked(alices.idHigh(), alices.idLow(), ALICE.id()))
                .as("Bob cannot revoke Alice's session by its id, which every heartbeat shows").isFalse();

        sessions.revoke(caller(ALICE), alices.idHex());
        assertThat(sessions.isRevoked(alices.idHigh(), alices.idLow(), ALICE.id())).isTrue();

        clock.advance(Duration.ofHours(24));
        assertThat(sessions.forgetExpired()).as("kept for a whole lifetime").isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.forgetExpired()).as("both revocations outlived every session they could name").isEqualTo(2);
    }

    @Test
    void aMalformedIdIsRefusedAndRevokesNothing() {
        for (String bad : new String[]{"", "abc", "zz" + "0".repeat(30), "0".repeat(33), null}) {
            assertThatThrownBy(() -> sessions.revoke(caller(ALICE), bad))
                    .isInstanceOfSatisfying(RejectedException.class,
                            e -> assertThat(e.rejection()).isEqualTo(Rejection.INVALID_INPUT));
        }
        assertThat(sessions.forgetExpired()).isZero();
    }
}
