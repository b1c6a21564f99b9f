package dev.chat.application.port.contract;

import dev.chat.application.port.PrivacySettings;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link PrivacySettings} promises; an adapter's test extends this and supplies the adapter. */
public abstract class PrivacySettingsContract {
    protected abstract PrivacySettings settings();

    /** The same store as a fresh instance would see it (e.g. after a restart); the store itself if it cannot. */
    protected PrivacySettings reopened() {
        return settings();
    }

    @Test
    void a_user_who_never_chose_hides_nothing() {
        assertThat(settings().hidesLastSeen(userId())).isFalse();
    }

    @Test
    void hiding_last_seen_is_kept_and_can_be_undone() {
        UserId user = userId();
        settings().setHidesLastSeen(user, true);
        assertThat(settings().hidesLastSeen(user)).isTrue();
        assertThat(reopened().hidesLastSeen(user)).isTrue();

        settings().setHidesLastSeen(user, false);
        assertThat(settings().hidesLastSeen(user)).isFalse();
        assertThat(reopened().hidesLastSeen(user)).isFalse();
    }

    @Test
    void one_users_choice_is_not_anothers() {
        UserId hider = userId();
        UserId other = userId();
        settings().setHidesLastSeen(hider, true);
        assertThat(settings().hidesLastSeen(other)).isFalse();
    }
}
