package dev.chat.application.chats;

import dev.chat.application.delivery.DeviceEvent.ChatChanged;
import dev.chat.application.delivery.DeviceEvent.ChatChanged.Change;
import dev.chat.application.delivery.RecordingSink;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.ERIN;
import static dev.chat.application.identity.People.caller;
import static dev.chat.application.identity.People.crowd;
import static dev.chat.application.identity.People.extra;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administering a group: admins rename it, add, remove and promote members; any member may leave.
 * Every change is stored and told to the devices of the members and of whoever it concerns.
 */
class GroupAdministrationTest {
    private static final GroupPolicy FIVE_AT_MOST = new GroupPolicy(5);

    private final GroupScene scene = new GroupScene();
    private final RenameGroup rename = new RenameGroup(scene.changes);
    private final AddMember add = new AddMember(scene.changes, scene.knownUsers, scene.log, FIVE_AT_MOST);
    private final RemoveMember remove = new RemoveMember(scene.changes);
    private final PromoteAdmin promote = new PromoteAdmin(scene.changes);
    private final LeaveGroup leave = new LeaveGroup(scene.changes);

    private ChatId club;
    private RecordingSink alicesPhone;
    private RecordingSink bobsPhone;
    private RecordingSink carolsPhone;
    private RecordingSink davesPhone;

    /** Given Alice's book club with Bob and Carol, and everyone's phone connected. */
    @BeforeEach
    void alicesBookClub() {
        club = scene.alicesBookClub(FIVE_AT_MOST).id();
        alicesPhone = scene.devices.live(ALICE, "phone");
        bobsPhone = scene.devices.live(BOB, "phone");
        carolsPhone = scene.devices.live(CAROL, "phone");
        davesPhone = scene.devices.live(DAVE, "phone");
    }

    private Group stored() {
        return scene.stored(club);
    }

    private Role roleOf(User user) {
        return stored().requireMember(user.id()).role();
    }

    private ChatChanged event(Change change, User subject, User actor) {
        return new ChatChanged(club, change, subject.id(), actor.id(), Optional.empty());
    }

    private void nobodyWasTold() {
        assertThat(List.of(alicesPhone, bobsPhone, carolsPhone, davesPhone))
                .allSatisfy(phone -> assertThat(phone.chatChanges()).isEmpty());
    }

    @Nested
    class Renaming {
        @Test
        void anAdminRenamesItAndEveryMemberIsToldTheNewName() {
            Group renamed = rename.rename(caller(ALICE), club, "Poetry club");

            assertThat(renamed.name()).isEqualTo(new GroupName("Poetry club"));
            assertThat(stored()).isEqualTo(renamed);
            ChatChanged told = new ChatChanged(club, Change.RENAMED, ALICE.id(), ALICE.id(), Optional.of("Poetry club"));
            assertThat(List.of(alicesPhone, bobsPhone, carolsPhone))
                    .allSatisfy(phone -> assertThat(phone.chatChanges()).containsExactly(told));
            assertThat(davesPhone.chatChanges()).isEmpty();
        }

        @Test
        void aMemberWhoIsNotAnAdminCannot() {
            assertThat(refusalOf(() -> rename.rename(caller(BOB), club, "Bob's club"))).isEqualTo(Rejection.NOT_AN_ADMIN);
            assertThat(stored().name()).isEqualTo(new GroupName("Book club"));
            nobodyWasTold();
        }

        @Test
        void aStrangerIsToldTheGroupDoesNotExist() {
            assertThat(refusalOf(() -> rename.rename(caller(DAVE), club, "Dave's club")))
                    .isEqualTo(Rejection.CHAT_NOT_FOUND);
            assertThat(refusalOf(() -> rename.rename(caller(ALICE), new ChatId(UUID.randomUUID()), "Nowhere")))
                    .isEqualTo(Rejection.CHAT_NOT_FOUND);
            nobodyWasTold();
        }

        @Test
        void aDirectChatHasNoNameToChange() {
            DirectChat direct = scene.chats.saveDirect(DirectChat.between(ALICE.id(), BOB.id()));

            assertThat(refusalOf(() -> rename.rename(caller(ALICE), direct.id(), "Us"))).isEqualTo(Rejection.NOT_A_GROUP);
        }

        @Test
        void theNewNameMustBeAProperName() {
            assertThat(refusalOf(() -> rename.rename(caller(ALICE), club, " "))).isEqualTo(Rejection.INVALID_INPUT);
            assertThat(stored().name()).isEqualTo(new GroupName("Book club"));
        }
    }

    @Nested
    class AddingAMember {
        @Test
        void anAdminAddsSomeoneWhoSeesWhatIsSentFromNowOn() {
            scene.trafficElsewhere(4);

            Group grown = add.add(caller(ALICE), club, DAVE.id());

            assertThat(grown.requireMember(DAVE.id())).isEqualTo(new Membership(DAVE.id(), Role.MEMBER, scene.logHead()));
            assertThat(stored()).isEqualTo(grown);
        }

        @Test
        void theMembersAndTheNewcomerAreTold() {
            add.add(caller(ALICE), club, DAVE.id());

            ChatChanged told = event(Change.MEMBER_ADDED, DAVE, ALICE);
            assertThat(List.of(alicesPhone, bobsPhone, carolsPhone, davesPhone))
                    .allSatisfy(phone -> assertThat(phone.chatChanges()).containsExactly(told));
        }

        @Test
        void aMemberWhoIsNotAnAdminCannot() {
            assertThat(refusalOf(() -> add.add(caller(BOB), club, DAVE.id()))).isEqualTo(Rejection.NOT_AN_ADMIN);
            assertThat(stored().isMember(DAVE.id())).isFalse();
            nobodyWasTold();
        }

        @Test
        void aStrangerIsToldTheGroupDoesNotExistEvenWhenNamingNobody() {
            assertThat(refusalOf(() -> add.add(caller(DAVE), club, ERIN.id()))).isEqualTo(Rejection.CHAT_NOT_FOUND);
            assertThat(refusalOf(() -> add.add(caller(DAVE), club, extra(999).id()))).isEqualTo(Rejection.CHAT_NOT_FOUND);
        }

        @Test
        void someoneWithoutAnAccountCannotBeAdded() {
            assertThat(refusalOf(() -> add.add(caller(ALICE), club, extra(999).id()))).isEqualTo(Rejection.USER_NOT_FOUND);
            assertThat(stored().size()).isEqualTo(3);
        }

        @Test
        void aMemberCannotBeAddedAgain() {
            assertThat(refusalOf(() -> add.add(caller(ALICE), club, BOB.id()))).isEqualTo(Rejection.ALREADY_A_MEMBER);
        }

        @Test
        void nobodyIsAddedToAFullGroup() {
            add.add(caller(ALICE), club, DAVE.id());
            add.add(caller(ALICE), club, ERIN.id());

            assertThat(refusalOf(() -> add.add(caller(ALICE), club, extra(0).id()))).isEqualTo(Rejection.GROUP_FULL);
            assertThat(stored().size()).isEqualTo(5);
        }

        @Test
        void concurrentAddsFromManyThreadsLoseNone() throws Exception {
            AddMember roomy = new AddMember(scene.changes, scene.knownUsers, scene.log, GroupPolicy.DEFAULT);
            List<User> newcomers = crowd(GroupScene.EXTRAS);
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService threads = Executors.newFixedThreadPool(8);
            try {
                List<Future<Group>> adds = new ArrayList<>();
                for (User newcomer : newcomers) {
                    adds.add(threads.submit(() -> {
                        start.await();
                        return roomy.add(caller(ALICE), club, newcomer.id());
                    }));
                }

                start.countDown();
                for (Future<Group> done : adds) {
                    done.get(20, TimeUnit.SECONDS);
                }
            } finally {
                threads.shutdownNow();
            }

            assertThat(GroupScene.members(stored(), newcomers)).containsExactlyInAnyOrderElementsOf(newcomers);
            assertThat(stored().size()).isEqualTo(3 + newcomers.size());
            assertThat(bobsPhone.chatChanges()).hasSize(newcomers.size());
        }
    }

    @Nested
    class RemovingAMember {
        @Test
        void anAdminRemovesAMemberWhoseDevicesAreToldTheyWereRemoved() {
            Group smaller = remove.remove(caller(ALICE), club, BOB.id());

            assertThat(smaller.isMember(BOB.id())).isFalse();
            assertThat(stored()).isEqualTo(smaller);
            ChatChanged told = event(Change.MEMBER_REMOVED, BOB, ALICE);
            assertThat(List.of(alicesPhone, carolsPhone, bobsPhone))
                    .allSatisfy(phone -> assertThat(phone.chatChanges()).containsExactly(told));
            assertThat(davesPhone.chatChanges()).isEmpty();
        }

        @Test
        void everyDeviceOfTheRemovedMemberIsTold() {
            RecordingSink bobsLaptop = scene.devices.live(BOB, "laptop");

            remove.remove(caller(ALICE), club, BOB.id());

            assertThat(bobsLaptop.chatChanges()).containsExactly(event(Change.MEMBER_REMOVED, BOB, ALICE));
        }

        @Test
        void aMemberWhoIsNotAnAdminCannotRemoveSomeoneElse() {
            assertThat(refusalOf(() -> remove.remove(caller(BOB), club, CAROL.id()))).isEqualTo(Rejection.NOT_AN_ADMIN);
            assertThat(stored().isMember(CAROL.id())).isTrue();
            nobodyWasTold();
        }

        @Test
        void someoneNotInTheGroupCannotBeRemoved() {
            assertThat(refusalOf(() -> remove.remove(caller(ALICE), club, DAVE.id()))).isEqualTo(Rejection.NOT_A_MEMBER);
        }

        @Test
        void aStrangerIsToldTheGroupDoesNotExist() {
            assertThat(refusalOf(() -> remove.remove(caller(DAVE), club, BOB.id()))).isEqualTo(Rejection.CHAT_NOT_FOUND);
        }

        @Test
        void removingYourselfIsLeaving() {
            remove.remove(caller(BOB), club, BOB.id());

            assertThat(stored().isMember(BOB.id())).isFalse();
            assertThat(bobsPhone.chatChanges()).containsExactly(event(Change.MEMBER_LEFT, BOB, BOB));
            assertThat(alicesPhone.chatChanges()).containsExactly(event(Change.MEMBER_LEFT, BOB, BOB));
        }
    }

    @Nested
    class PromotingAMember {
        @Test
        void anAdminMakesAMemberAnAdminAndEveryMemberIsTold() {
            Group promoted = promote.promote(caller(ALICE), club, BOB.id());

            assertThat(promoted.requireMember(BOB.id()).role()).isEqualTo(Role.ADMIN);
            assertThat(roleOf(BOB)).isEqualTo(Role.ADMIN);
            assertThat(List.of(alicesPhone, bobsPhone, carolsPhone))
                    .allSatisfy(phone -> assertThat(phone.chatChanges())
                            .containsExactly(event(Change.ADMIN_PROMOTED, BOB, ALICE)));
        }

        @Test
        void aNewAdminMayThenAdministerTheGroup() {
            promote.promote(caller(ALICE), club, BOB.id());

            add.add(caller(BOB), club, DAVE.id());

            assertThat(stored().isMember(DAVE.id())).isTrue();
        }

        @Test
        void aMemberWhoIsNotAnAdminCannot() {
            assertThat(refusalOf(() -> promote.promote(caller(BOB), club, CAROL.id()))).isEqualTo(Rejection.NOT_AN_ADMIN);
            assertThat(roleOf(CAROL)).isEqualTo(Role.MEMBER);
            nobodyWasTold();
        }

        @Test
        void someoneNotInTheGroupCannotBePromoted() {
            assertThat(refusalOf(() -> promote.promote(caller(ALICE), club, DAVE.id()))).isEqualTo(Rejection.NOT_A_MEMBER);
        }
    }

    @Nested
    class Leaving {
        @Test
        void aMemberLeavesAndTheOthersAndTheLeaverAreTold() {
            leave.leave(caller(CAROL), club);

            assertThat(stored().isMember(CAROL.id())).isFalse();
            ChatChanged told = event(Change.MEMBER_LEFT, CAROL, CAROL);
            assertThat(List.of(alicesPhone, bobsPhone, carolsPhone))
                    .allSatisfy(phone -> assertThat(phone.chatChanges()).containsExactly(told));
        }

        @Test
        void theLastAdminLeavingHandsTheRoleOn() {
            leave.leave(caller(ALICE), club);

            Group rest = stored();
            assertThat(rest.isMember(ALICE.id())).isFalse();
            assertThat(rest.members()).extracting(Membership::role).contains(Role.ADMIN);
        }

        @Test
        void aStrangerCannotLeaveWhatTheyAreNotIn() {
            assertThat(refusalOf(() -> leave.leave(caller(DAVE), club))).isEqualTo(Rejection.CHAT_NOT_FOUND);
            nobodyWasTold();
        }

        @Test
        void nobodyLeavesADirectChat() {
            DirectChat direct = scene.chats.saveDirect(DirectChat.between(ALICE.id(), BOB.id()));

            assertThat(refusalOf(() -> leave.leave(caller(ALICE), direct.id()))).isEqualTo(Rejection.NOT_A_GROUP);
        }
    }
}
