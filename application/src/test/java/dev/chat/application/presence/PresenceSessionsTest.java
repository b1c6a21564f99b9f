package dev.chat.application.presence;

import dev.chat.application.port.contract.ManualClock;
import dev.chat.domain.presence.PresenceSession;
import org.junit.jupiter.api.Test;

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

/** Presence sessions: a random id and secret key per device, valid for a day, found again by id. */
class PresenceSessionsTest {
    private final ManualClock clock = new ManualClock();
    private final MapPresenceSessionStore store = new MapPresenceSessionStore();
    private final PresenceSessions sessions = new PresenceSessions(store, clock);

    @Test
    void aSessionIsIssuedToTheCallerForADayAndStored() {
        PresenceSession session = sessions.open(caller(ALICE));

        assertThat(session.user()).isEqualTo(ALICE.id());
        assertThat(session.expiresAt()).isEqualTo(ManualClock.MORNING.plus(Duration.ofHours(24)));
        assertThat(store.all()).containsExactly(session);
    }

    @Test
    void everySessionHasItsOwnRandomIdAndA32ByteKey() {
        List<PresenceSession> opened = IntStream.range(0, 50)
                .mapToObj(i -> sessions.open(caller(i % 2 == 0 ? ALICE : BOB))).toList();

        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (PresenceSession session : opened) {
            ids.add(session.idHigh() + ":" + session.idLow());
            keys.add(Arrays.toString(session.key()));
            assertThat(session.key()).hasSize(32);
        }
        assertThat(ids).hasSize(50);
        assertThat(keys).hasSize(50);
    }

    @Test
    void aSessionIsFoundByItsIdWhileItLasts() {
        PresenceSession session = sessions.open(caller(ALICE));
        clock.advance(Duration.ofHours(24).minusMillis(1));

        assertThat(sessions.find(session.idHigh(), session.idLow())).isSameAs(session);
    }

    @Test
    void anUnknownIdFindsNothing() {
        PresenceSession session = sessions.open(caller(ALICE));

        assertThat(sessions.find(session.idHigh(), session.idLow() + 1)).isNull();
        assertThat(sessions.find(session.idHigh() + 1, session.idLow())).isNull();
    }

    @Test
    void anExpiredSessionFindsNothingAndIsForgottenAtTheNextCleanUp() {
        PresenceSession old = sessions.open(caller(ALICE));
        clock.advance(Duration.ofHours(12));
        PresenceSession recent = sessions.open(caller(BOB));
        clock.advance(Duration.ofHours(12));

        assertThat(sessions.find(old.idHigh(), old.idLow())).as("expired at exactly 24 h").isNull();
        assertThat(sessions.forgetExpired()).isEqualTo(1);
        assertThat(store.all()).containsExactly(recent);
        assertThat(sessions.find(recent.idHigh(), recent.idLow())).isSameAs(recent);
    }
}
