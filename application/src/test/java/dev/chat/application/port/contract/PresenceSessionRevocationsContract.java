package dev.chat.application.port.contract;

import dev.chat.application.port.PresenceSessionRevocations;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.ThreadLocalRandom;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link PresenceSessionRevocations} promises; an adapter's test extends this and supplies the adapter. */
public abstract class PresenceSessionRevocationsContract {
    /** Ahead of every adapter's clock: a revocation counts until it is forgotten. */
    private static final Instant LATER = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS);

    protected abstract PresenceSessionRevocations revocations();

    /**
     * The revocations as another node of the cluster sees them, where the adapter is shared by
     * several nodes; the adapter itself where it serves one node only.
     */
    protected PresenceSessionRevocations onAnotherNode() {
        return revocations();
    }

    @Test
    void a_session_nobody_revoked_is_not_revoked() {
        assertThat(revocations().isRevoked(random(), random(), userId())).isFalse();
    }

    @Test
    void a_revoked_session_is_revoked_for_its_user_only_and_on_every_node() {
        long high = random();
        long low = random();
        UserId owner = userId();
        revocations().revoke(high, low, owner, LATER);

        assertThat(revocations().isRevoked(high, low, owner)).isTrue();
        Eventually.await("another node sees the revocation", () -> onAnotherNode().isRevoked(high, low, owner));
        assertThat(revocations().isRevoked(high, low, userId())).as("the same id for another user").isFalse();
        assertThat(revocations().isRevoked(high, low + 1, owner)).isFalse();
        assertThat(revocations().isRevoked(high + 1, low, owner)).isFalse();
    }

    @Test
    void revoking_twice_is_revoking_once_and_revocations_are_forgotten_after_the_time_they_are_kept_for() {
        long high = random();
        UserId owner = userId();
        revocations().revoke(high, 1, owner, LATER);
        revocations().revoke(high, 1, owner, LATER);
        long kept = random();
        revocations().revoke(kept, 2, owner, LATER.plusSeconds(60));

        assertThat(revocations().forgetExpired(LATER.minusMillis(1))).isZero();
        assertThat(revocations().forgetExpired(LATER.plusMillis(1))).isGreaterThanOrEqualTo(1);
        assertThat(revocations().isRevoked(high, 1, owner)).isFalse();
        assertThat(revocations().isRevoked(kept, 2, owner)).isTrue();
    }

    private static long random() {
        return ThreadLocalRandom.current().nextLong();
    }
}
