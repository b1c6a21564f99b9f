package dev.chat.application.chats;

import dev.chat.application.delivery.DeviceEvent.ChatChanged;
import dev.chat.application.delivery.DeviceEvent.ChatChanged.Change;
import dev.chat.application.delivery.RecordingSink;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.ERIN;
import static dev.chat.application.identity.People.FRANK;
import static dev.chat.application.identity.People.caller;
import static dev.chat.application.identity.People.extra;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Creating a group: its creator is its admin, the others join as members from this moment on. */
class CreateGroupTest {
    private static final GroupPolicy FOUR_AT_MOST = new GroupPolicy(4);

    private final GroupScene scene = new GroupScene();
    private final CreateGroup create = scene.createGroup(FOUR_AT_MOST);

    @Test
    void theCreatorIsItsAdminAndTheOthersAreMembers() {
        Group club = create.create(caller(ALICE), "Book club", Set.of(BOB.id(), CAROL.id()));

        assertThat(club.name()).isEqualTo(new GroupName("Book club"));
        assertThat(club.requireMember(ALICE.id()).role()).isEqualTo(Role.ADMIN);
        assertThat(club.requireMember(BOB.id()).role()).isEqualTo(Role.MEMBER);
        assertThat(club.requireMember(CAROL.id()).role()).isEqualTo(Role.MEMBER);
        assertThat(scene.stored(club.id())).isEqualTo(club);
        assertThat(scene.chats.chatsOf(BOB.id())).containsExactly(club);
    }

    @Test
    void aCreatorWhoAlsoListsThemselvesIsCountedOnce() {
        Group club = create.create(caller(ALICE), "Book club", Set.of(ALICE.id(), BOB.id()));

        assertThat(club.size()).isEqualTo(2);
        assertThat(club.requireMember(ALICE.id()).role()).isEqualTo(Role.ADMIN);
    }

    @Test
    void itsMembersSeeOnlyWhatIsSentFromItsCreationOn() {
        scene.trafficElsewhere(5);
        Position headAtCreation = scene.logHead();

        Group club = create.create(caller(ALICE), "Book club", Set.of(BOB.id()));

        assertThat(headAtCreation.value()).isEqualTo(8);
        assertThat(club.members()).extracting(Membership::since).containsOnly(headAtCreation);
    }

    @Test
    void everyMemberMustHaveAnAccount() {
        assertThat(refusalOf(() -> create.create(caller(ALICE), "Book club", Set.of(BOB.id(), extra(999).id()))))
                .isEqualTo(Rejection.USER_NOT_FOUND);
        assertThat(scene.chats.chatsOf(ALICE.id())).isEmpty();
    }

    @Test
    void aGroupMayStartAtItsLimit() {
        Group club = create.create(caller(ALICE), "Book club", Set.of(BOB.id(), CAROL.id(), DAVE.id()));

        assertThat(club.size()).isEqualTo(4);
    }

    @Test
    void aGroupBeyondItsLimitIsRefusedAsFullHoweverManyAreAsked() {
        Set<UserId> oneTooMany = Set.of(BOB.id(), CAROL.id(), DAVE.id(), ERIN.id());
        Set<UserId> farTooMany = Set.of(BOB.id(), CAROL.id(), DAVE.id(), ERIN.id(), FRANK.id(), extra(0).id());

        assertThat(refusalOf(() -> create.create(caller(ALICE), "Book club", oneTooMany)))
                .isEqualTo(Rejection.GROUP_FULL);
        assertThat(refusalOf(() -> create.create(caller(ALICE), "Book club", farTooMany)))
                .isEqualTo(Rejection.GROUP_FULL);
        assertThat(scene.chats.chatsOf(ALICE.id())).isEmpty();
    }

    @Test
    void aGroupNeedsAProperName() {
        assertThat(refusalOf(() -> create.create(caller(ALICE), "   ", Set.of(BOB.id()))))
                .isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> create.create(caller(ALICE), "x".repeat(101), Set.of(BOB.id()))))
                .isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> create.create(caller(ALICE), "Book club", null)))
                .isEqualTo(Rejection.INVALID_INPUT);
        assertThat(scene.chats.chatsOf(ALICE.id())).isEmpty();
    }

    @Test
    void theMembersConnectedDevicesAreToldOfTheNewGroupAndNobodyElseIs() {
        RecordingSink alicesPhone = scene.devices.live(ALICE, "phone");
        RecordingSink alicesLaptop = scene.devices.live(ALICE, "laptop");
        RecordingSink bobsPhone = scene.devices.live(BOB, "phone");
        RecordingSink davesPhone = scene.devices.live(DAVE, "phone");

        Group club = create.create(caller(ALICE), "Book club", Set.of(BOB.id(), CAROL.id()));

        ChatChanged created = new ChatChanged(club.id(), Change.CREATED, ALICE.id(), ALICE.id(),
                Optional.of("Book club"));
        assertThat(alicesPhone.chatChanges()).containsExactly(created);
        assertThat(alicesLaptop.chatChanges()).containsExactly(created);
        assertThat(bobsPhone.chatChanges()).containsExactly(created);
        assertThat(davesPhone.chatChanges()).isEmpty();
    }

    @Test
    void eachGroupIsANewChat() {
        Group first = create.create(caller(ALICE), "Book club", Set.of(BOB.id()));
        Group second = create.create(caller(ALICE), "Book club", Set.of(BOB.id()));

        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(scene.chats.chatsOf(BOB.id()).stream().map(c -> c.id()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(first.id(), second.id());
    }
}
