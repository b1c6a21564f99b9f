package dev.chat.application.presence;

import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.delivery.RecordingSink;
import dev.chat.domain.Rejection;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.caller;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Subscribing a device to contacts' presence: their presence now, then every change, until it disconnects. */
class SubscribePresenceTest {
    private final PresenceScene scene = new PresenceScene();
    private final SubscribePresence subscribe = new SubscribePresence(scene.node.presenceSubscriptions,
            new QueryPresence(scene.tracker));
    private final RecordingSink alicesPhone = new RecordingSink();
    private final DeviceSession alicesSession = scene.session(ALICE, "phone", alicesPhone);

    /** Given Alice shares chats with Bob and with Carol, not with Dave. */
    @BeforeEach
    void alicesContacts() {
        scene.contacts(ALICE, BOB);
        scene.contacts(ALICE, CAROL);
        scene.contacts(BOB, DAVE);
    }

    @Test
    void answersWithThePresenceNowThenTellsEveryChange() {
        scene.tracker.connected(BOB.id());

        List<Presence> now = subscribe.subscribe(caller(ALICE), alicesSession, Set.of(BOB.id()));
        scene.clock.advance(Duration.ofSeconds(5));
        scene.tracker.disconnected(BOB.id());

        assertThat(now).extracting(Presence::online).containsExactly(true);
        assertThat(alicesPhone.presenceChanges()).extracting(Presence::user, Presence::online)
                .containsExactly(tuple(BOB.id(), false));
    }

    @Test
    void onlyTheUsersSubscribedToAreTold() {
        subscribe.subscribe(caller(ALICE), alicesSession, Set.of(BOB.id()));

        scene.tracker.connected(CAROL.id());
        scene.tracker.connected(BOB.id());

        assertThat(alicesPhone.presenceChanges()).extracting(Presence::user).containsExactly(BOB.id());
    }

    @Test
    void aStrangerAmongThoseAskedForRefusesTheWholeSubscription() {
        Set<UserId> withAStranger = Set.of(BOB.id(), DAVE.id());

        assertThat(refusalOf(() -> subscribe.subscribe(caller(ALICE), alicesSession, withAStranger)))
                .isEqualTo(Rejection.NOT_A_CONTACT);
        scene.tracker.connected(BOB.id());
        scene.tracker.connected(DAVE.id());

        assertThat(alicesPhone.presenceChanges()).as("no subscription was made").isEmpty();
    }

    @Test
    void oneMaySubscribeToOneself() {
        List<Presence> now = subscribe.subscribe(caller(ALICE), alicesSession, Set.of(ALICE.id()));

        assertThat(now).as("her phone is connected, and she sees her own last seen")
                .containsExactly(scene.tracker.presenceOf(ALICE.id()));
        assertThat(now.get(0).online()).isTrue();
        assertThat(now.get(0).lastSeen()).isPresent();
    }

    @Test
    void subscriptionsAddUp() {
        subscribe.subscribe(caller(ALICE), alicesSession, Set.of(BOB.id()));
        subscribe.subscribe(caller(ALICE), alicesSession, Set.of(CAROL.id()));

        scene.tracker.connected(BOB.id());
        scene.tracker.connected(CAROL.id());

        assertThat(alicesPhone.presenceChanges()).extracting(Presence::user).containsExactly(BOB.id(), CAROL.id());
    }

    @Test
    void aDisconnectedDevicesSubscriptionsAreDropped() {
        subscribe.subscribe(caller(ALICE), alicesSession, Set.of(BOB.id(), CAROL.id()));

        scene.node.presenceSubscriptions.unsubscribeAll(alicesSession);
        scene.tracker.connected(BOB.id());
        scene.tracker.connected(CAROL.id());

        assertThat(alicesPhone.presenceChanges()).isEmpty();
    }
}
