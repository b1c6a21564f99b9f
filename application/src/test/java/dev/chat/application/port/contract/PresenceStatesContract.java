package dev.chat.application.port.contract;

import dev.chat.application.port.PresenceStates;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link PresenceStates} promises; an adapter's test extends this and supplies the adapter. */
public abstract class PresenceStatesContract {
    private static final Instant SEEN = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    protected abstract PresenceStates states();

    /** The states as another node reads them; the adapter itself where it serves one node only. */
    protected PresenceStates onAnotherNode() {
        return states();
    }

    @Test
    void a_user_never_decided_has_no_state() {
        assertThat(states().current(userId())).isNull();
    }

    @Test
    void the_latest_decision_is_read_at_once_here_and_soon_on_every_node() {
        UserId user = userId();
        Presence online = new Presence(user, true, Optional.of(SEEN));
        Presence offline = new Presence(user, false, Optional.of(SEEN.plusSeconds(30)));
        states().publish(online);
        assertThat(states().current(user)).isEqualTo(online);
        states().publish(offline);
        assertThat(states().current(user)).isEqualTo(offline);
        Eventually.await("another node reads the latest decision", () -> offline.equals(onAnotherNode().current(user)));
    }

    @Test
    void one_users_state_is_not_anothers() {
        UserId user = userId();
        UserId other = userId();
        states().publish(new Presence(user, true, Optional.of(SEEN)));
        assertThat(states().current(other)).isNull();
    }
}
