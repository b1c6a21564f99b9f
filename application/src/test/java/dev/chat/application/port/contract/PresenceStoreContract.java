package dev.chat.application.port.contract;

import dev.chat.application.port.PresenceStore;
import dev.chat.application.port.PresenceStore.Seen;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PresenceStore} promises, and what the presence tracker builds on: open
 * connections counted (never below zero), the latest heartbeat, and last seen as the latest sign of
 * life of any kind, which a late, older sign never moves back. Times are kept to the millisecond
 * (heartbeats arrive as epoch milliseconds), so the tests use whole milliseconds.
 */
public abstract class PresenceStoreContract {
    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");

    /** The adapter under test; it may hold data of other tests (every test uses fresh users). */
    protected abstract PresenceStore store();

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    private static long millisAt(int seconds) {
        return at(seconds).toEpochMilli();
    }

    @Test
    void a_user_never_seen_is_null_and_absent_from_many() {
        UserId stranger = userId();

        assertThat(store().seen(stranger)).isNull();
        assertThat(store().seen(List.of(stranger))).isEmpty();
    }

    @Test
    void open_connections_are_counted_and_are_signs_of_life() {
        UserId alice = userId();
        store().connectionOpened(alice, at(0));
        store().connectionOpened(alice, at(1));

        assertThat(store().seen(alice)).isEqualTo(new Seen(at(1), null, 2));
    }

    @Test
    void closing_counts_down_and_never_below_zero() {
        UserId alice = userId();
        store().connectionOpened(alice, at(0));
        store().connectionClosed(alice, at(4));
        assertThat(store().seen(alice)).isEqualTo(new Seen(at(4), null, 0));

        store().connectionClosed(alice, at(5));
        assertThat(store().seen(alice)).as("a second close of one connection").isEqualTo(new Seen(at(5), null, 0));

        store().connectionOpened(alice, at(6));
        assertThat(store().seen(alice).openConnections()).isEqualTo(1);
    }

    @Test
    void a_heartbeat_is_the_last_heartbeat_and_a_sign_of_life() {
        UserId alice = userId();

        store().heartbeat(alice, millisAt(3));

        assertThat(store().seen(alice)).isEqualTo(new Seen(at(3), at(3), 0));
    }

    @Test
    void heartbeats_keep_their_own_time_apart_from_connections() {
        UserId alice = userId();
        store().heartbeat(alice, millisAt(1));
        store().connectionOpened(alice, at(2));

        assertThat(store().seen(alice)).isEqualTo(new Seen(at(2), at(1), 1));
    }

    @Test
    void a_late_older_sign_of_life_moves_nothing_back() {
        UserId alice = userId();
        store().connectionOpened(alice, at(5));
        store().heartbeat(alice, millisAt(3));
        assertThat(store().seen(alice)).isEqualTo(new Seen(at(5), at(3), 1));

        store().heartbeat(alice, millisAt(9));
        store().heartbeat(alice, millisAt(7));
        store().connectionClosed(alice, at(8));

        assertThat(store().seen(alice)).isEqualTo(new Seen(at(9), at(9), 0));
    }

    @Test
    void many_users_at_once_are_seen_as_one_by_one_and_the_unseen_are_absent() {
        UserId alice = userId();
        UserId bob = userId();
        UserId stranger = userId();
        store().connectionOpened(alice, at(1));
        store().heartbeat(bob, millisAt(2));

        Map<UserId, Seen> seen = store().seen(List.of(alice, bob, stranger));

        assertThat(seen).isEqualTo(Map.of(alice, store().seen(alice), bob, store().seen(bob)));
        assertThat(seen.get(alice)).isEqualTo(new Seen(at(1), null, 1));
        assertThat(seen.get(bob)).isEqualTo(new Seen(at(2), at(2), 0));
        assertThat(store().seen(List.of())).isEmpty();
    }

    @Test
    void concurrent_signs_of_life_are_all_counted_and_the_latest_wins() throws Exception {
        UserId alice = userId();
        int threads = 8;
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            work.add(() -> {
                for (int i = 0; i < 100; i++) {
                    int second = thread * 100 + i;
                    store().connectionOpened(alice, at(second));
                    store().heartbeat(alice, millisAt(second));
                    if (i % 2 == 0) {
                        store().connectionClosed(alice, at(second));
                    }
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            for (Future<Void> done : pool.invokeAll(work, 60, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store().seen(alice)).isEqualTo(new Seen(at(799), at(799), threads * 50));
    }
}
