package dev.chat.domain.presence;

import dev.chat.domain.Rejection;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static dev.chat.domain.People.ALICE;
import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user is online while a sign of life is more recent than the grace period (heartbeat interval
 * times missed heartbeats), offline after it, and shows when they were last seen unless they hide it.
 */
class PresenceTest {
    private static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");
    private static final PresencePolicy TEN_SECONDS_THREE_MISSED = new PresencePolicy(Duration.ofSeconds(10), 3);
    private static final long GRACE_MILLIS = 30_000;

    @Test
    void theGraceIsTheHeartbeatIntervalTimesTheMissedHeartbeats() {
        assertThat(TEN_SECONDS_THREE_MISSED.grace()).isEqualTo(Duration.ofSeconds(30));
        assertThat(PresencePolicy.DEFAULT.grace()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aPolicyNeedsAPositiveIntervalAndAtLeastOneMissedHeartbeat() {
        assertThat(refusalOf(() -> new PresencePolicy(Duration.ZERO, 3))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new PresencePolicy(Duration.ofSeconds(-1), 3))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new PresencePolicy(Duration.ofSeconds(10), 0))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new PresencePolicy(null, 3))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aUserWhoseHeartbeatArrivedExactlyAGraceAgoIsStillOnline() {
        Presence presence = Presence.of(ALICE, false, NOW.minusMillis(GRACE_MILLIS), NOW, TEN_SECONDS_THREE_MISSED);

        assertThat(presence.online()).isTrue();
    }

    @Test
    void aUserNeverSeenIsOfflineWithNoLastSeen() {
        Presence presence = Presence.neverSeen(ALICE);

        assertThat(presence.user()).isEqualTo(ALICE);
        assertThat(presence.online()).isFalse();
        assertThat(presence.lastSeen()).isEmpty();
    }

    @Test
    void aPresenceNeedsAUserAndALastSeenThatMayBeEmpty() {
        assertThat(refusalOf(() -> new Presence(null, false, Optional.empty()))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new Presence(ALICE, false, null))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Property
    void aUserIsOnlineWithinTheGraceAndOfflineAfterIt(@ForAll @LongRange(max = 4 * GRACE_MILLIS) long millisSinceSignOfLife) {
        Instant lastSignOfLife = NOW.minusMillis(millisSinceSignOfLife);

        Presence presence = Presence.of(ALICE, false, lastSignOfLife, NOW, TEN_SECONDS_THREE_MISSED);

        assertThat(presence.online()).isEqualTo(millisSinceSignOfLife <= GRACE_MILLIS);
        assertThat(presence.lastSeen()).contains(lastSignOfLife);
    }

    @Property
    void aUserWithAnOpenConnectionIsOnlineHoweverOldTheirLastHeartbeat(
            @ForAll @LongRange(max = 1_000 * GRACE_MILLIS) long millisSinceSignOfLife) {
        Presence presence = Presence.of(ALICE, true, NOW.minusMillis(millisSinceSignOfLife), NOW,
                TEN_SECONDS_THREE_MISSED);

        assertThat(presence.online()).isTrue();
    }

    @Property
    void aUserWhoHidesLastSeenShowsOnlyWhetherTheyAreOnline(@ForAll boolean connected,
                                                            @ForAll @LongRange(max = 4 * GRACE_MILLIS) long millisAgo) {
        Presence shown = Presence.of(ALICE, connected, NOW.minusMillis(millisAgo), NOW, TEN_SECONDS_THREE_MISSED);

        Presence hidden = shown.withoutLastSeen();

        assertThat(hidden.lastSeen()).isEmpty();
        assertThat(hidden.online()).isEqualTo(shown.online());
        assertThat(hidden.user()).isEqualTo(ALICE);
    }
}
