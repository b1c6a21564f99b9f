package dev.chat.application.presence;

import dev.chat.application.port.contract.ManualClock;
import dev.chat.domain.Rejection;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.caller;
import static dev.chat.application.identity.People.crowd;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Asking for presence: one's contacts' (those one shares a chat with) and one's own; strangers' stays private. */
class QueryPresenceTest {
    private final PresenceScene scene = new PresenceScene();
    private final QueryPresence query = new QueryPresence(scene.tracker);

    private static Set<UserId> ids(User... users) {
        return Set.of(users).stream().map(User::id).collect(Collectors.toSet());
    }

    @Test
    void aContactsPresenceIsTheirsAsOthersMaySeeIt() {
        scene.contacts(ALICE, BOB);
        scene.tracker.connected(BOB.id());
        scene.clock.advance(Duration.ofMinutes(1));

        List<Presence> presence = query.query(caller(ALICE), ids(BOB));

        assertThat(presence).containsExactly(new Presence(BOB.id(), true, Optional.of(ManualClock.MORNING)));
    }

    @Test
    void aContactNeverSeenIsOfflineWithNoLastSeen() {
        scene.contacts(ALICE, BOB);

        assertThat(query.query(caller(ALICE), ids(BOB))).containsExactly(Presence.neverSeen(BOB.id()));
    }

    @Test
    void aContactWhoHidesLastSeenShowsOnlyWhetherTheyAreOnline() {
        scene.contacts(ALICE, BOB);
        scene.privacy.setHidesLastSeen(BOB.id(), true);
        scene.tracker.heartbeat(BOB.id(), scene.clock.millis());

        assertThat(query.query(caller(ALICE), ids(BOB))).containsExactly(new Presence(BOB.id(), true, Optional.empty()));
    }

    @Test
    void yourOwnPresenceIsYoursToSeeInFull() {
        scene.privacy.setHidesLastSeen(ALICE.id(), true);
        scene.tracker.heartbeat(ALICE.id(), scene.clock.millis());

        assertThat(query.query(caller(ALICE), ids(ALICE)))
                .containsExactly(new Presence(ALICE.id(), true, Optional.of(ManualClock.MORNING)));
    }

    @Test
    void sharingAGroupMakesContacts() {
        scene.group(ALICE, List.of(BOB, CAROL));

        assertThat(query.query(caller(BOB), ids(ALICE, CAROL))).extracting(Presence::user)
                .containsExactlyInAnyOrder(ALICE.id(), CAROL.id());
    }

    @Test
    void askingForAStrangerIsRefusedEvenAmongContacts() {
        scene.contacts(ALICE, BOB);
        scene.contacts(BOB, DAVE);

        assertThat(refusalOf(() -> query.query(caller(ALICE), ids(DAVE)))).isEqualTo(Rejection.NOT_A_CONTACT);
        assertThat(refusalOf(() -> query.query(caller(ALICE), ids(BOB, DAVE)))).isEqualTo(Rejection.NOT_A_CONTACT);
    }

    @Test
    void oneTo256UsersMayBeAskedFor() {
        List<User> everyone = crowd(300);
        scene.group(ALICE, everyone);
        Set<UserId> most = everyone.subList(0, 256).stream().map(User::id).collect(Collectors.toSet());
        Set<UserId> tooMany = everyone.subList(0, 257).stream().map(User::id).collect(Collectors.toSet());

        assertThat(query.query(caller(ALICE), most)).hasSize(256);
        assertThat(refusalOf(() -> query.query(caller(ALICE), tooMany))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> query.query(caller(ALICE), Set.of()))).isEqualTo(Rejection.INVALID_INPUT);
    }
}
