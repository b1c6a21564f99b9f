package dev.chat.application.port.contract;

import dev.chat.application.port.PresenceSessionStore;
import dev.chat.domain.presence.PresenceSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PresenceSessionStore} promises: a saved session is found by its whole id until
 * it is removed as expired, and {@code removeExpired} removes exactly the sessions expired at the
 * given instant (a session expires at its expiry instant, as {@link PresenceSession#isExpired} says).
 * Session ids are random 128 bits, as {@code PresenceSessions} makes them.
 */
public abstract class PresenceSessionStoreContract {
    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");

    /** A new, empty store of the adapter under test (removeExpired counts every session in it). */
    protected abstract PresenceSessionStore newStore();

    private PresenceSessionStore store;

    @BeforeEach
    void emptyStore() {
        store = newStore();
    }

    private static PresenceSession session(Instant expiresAt) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        byte[] key = new byte[PresenceSession.KEY_BYTES];
        random.nextBytes(key);
        return new PresenceSession(random.nextLong(), random.nextLong(), userId(), key, expiresAt);
    }

    @Test
    void a_saved_session_is_found_by_its_id() {
        PresenceSession session = session(NOW.plus(Duration.ofHours(24)));

        store.save(session);

        PresenceSession found = store.find(session.idHigh(), session.idLow());
        assertThat(found).isEqualTo(session);
        assertThat(found.user()).isEqualTo(session.user());
        assertThat(found.key()).isEqualTo(session.key());
        assertThat(found.expiresAt()).isEqualTo(session.expiresAt());
    }

    @Test
    void an_unknown_id_finds_nothing() {
        store.save(session(NOW.plusSeconds(60)));

        assertThat(store.find(ThreadLocalRandom.current().nextLong(), ThreadLocalRandom.current().nextLong())).isNull();
    }

    @Test
    void both_halves_of_the_id_must_match() {
        PresenceSession session = session(NOW.plusSeconds(60));
        store.save(session);

        assertThat(store.find(session.idHigh(), session.idLow() + 1)).isNull();
        assertThat(store.find(session.idHigh() + 1, session.idLow())).isNull();
        assertThat(store.find(session.idLow(), session.idHigh())).isNull();
    }

    @Test
    void sessions_are_kept_apart() {
        PresenceSession one = session(NOW.plusSeconds(60));
        PresenceSession two = session(NOW.plusSeconds(60));
        store.save(one);
        store.save(two);

        assertThat(store.find(one.idHigh(), one.idLow()).user()).isEqualTo(one.user());
        assertThat(store.find(two.idHigh(), two.idLow()).user()).isEqualTo(two.user());
    }

    @Test
    void remove_expired_removes_exactly_the_expired_sessions_and_counts_them() {
        PresenceSession longGone = session(NOW.minusSeconds(3600));
        PresenceSession endsNow = session(NOW);
        PresenceSession endsSoon = session(NOW.plusMillis(1));
        PresenceSession endsTomorrow = session(NOW.plus(Duration.ofDays(1)));
        for (PresenceSession session : new PresenceSession[]{longGone, endsNow, endsSoon, endsTomorrow}) {
            store.save(session);
        }

        assertThat(store.removeExpired(NOW)).isEqualTo(2);

        assertThat(store.find(longGone.idHigh(), longGone.idLow())).isNull();
        assertThat(store.find(endsNow.idHigh(), endsNow.idLow())).isNull();
        assertThat(store.find(endsSoon.idHigh(), endsSoon.idLow())).isEqualTo(endsSoon);
        assertThat(store.find(endsTomorrow.idHigh(), endsTomorrow.idLow())).isEqualTo(endsTomorrow);
        assertThat(store.removeExpired(NOW)).as("nothing more expired at the same instant").isZero();
        assertThat(store.removeExpired(NOW.plusSeconds(1))).isEqualTo(1);
    }

    @Test
    void remove_expired_on_an_empty_store_removes_nothing() {
        assertThat(store.removeExpired(NOW)).isZero();
    }
}
