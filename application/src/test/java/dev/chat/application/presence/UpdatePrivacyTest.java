package dev.chat.application.presence;

import dev.chat.application.port.memory.InMemoryPrivacySettings;
import org.junit.jupiter.api.Test;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.caller;
import static org.assertj.core.api.Assertions.assertThat;

/** Hiding one's last-seen time from everyone else, and showing it again. */
class UpdatePrivacyTest {
    private final InMemoryPrivacySettings settings = new InMemoryPrivacySettings();
    private final UpdatePrivacy privacy = new UpdatePrivacy(settings);

    @Test
    void lastSeenIsShownUntilTheUserHidesItAndAgainOnceTheyShowIt() {
        assertThat(privacy.hidesLastSeen(caller(ALICE))).isFalse();

        privacy.hideLastSeen(caller(ALICE), true);
        assertThat(privacy.hidesLastSeen(caller(ALICE))).isTrue();
        assertThat(privacy.hidesLastSeen(caller(BOB))).as("a choice of Alice's only").isFalse();

        privacy.hideLastSeen(caller(ALICE), false);
        assertThat(privacy.hidesLastSeen(caller(ALICE))).isFalse();
    }
}
