package dev.chat.domain.chat;

import dev.chat.domain.Rejection;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.chat.domain.People.ALICE;
import static dev.chat.domain.People.BOB;
import static dev.chat.domain.People.CAROL;
import static dev.chat.domain.People.DAVE;
import static dev.chat.domain.People.ERIN;
import static dev.chat.domain.People.FRANK;
import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A group: its admins manage it, its members chat in it. Strangers are told it does not exist;
 * it never grows past its policy's limit; while it has members, one of them is an admin.
 */
class GroupTest {
    private static final ChatId BOOK_CLUB_ID = new ChatId(UUID.fromString("00000000-0000-4000-8000-00000000b00c"));
    private static final GroupName BOOK_CLUB = new GroupName("Book club");
    private static final GroupPolicy FOUR_AT_MOST = new GroupPolicy(4);
    private static final Position AT_CREATION = new Position(10);

    /** Given Alice created the book club with Bob and Carol: Alice is its admin. */
    private static Group alicesBookClub() {
        return Group.create(BOOK_CLUB_ID, BOOK_CLUB, ALICE, Set.of(BOB, CAROL), AT_CREATION, FOUR_AT_MOST);
    }

    private static Role roleOf(Group group, UserId user) {
        return group.requireMember(user).role();
    }

    @Nested
    class CreatingAGroup {
        @Test
        void theCreatorIsItsAdminAndTheOthersAreMembers() {
            Group club = alicesBookClub();

            assertThat(club.id()).isEqualTo(BOOK_CLUB_ID);
            assertThat(club.name()).isEqualTo(BOOK_CLUB);
            assertThat(club.size()).isEqualTo(3);
            assertThat(roleOf(club, ALICE)).isEqualTo(Role.ADMIN);
            assertThat(roleOf(club, BOB)).isEqualTo(Role.MEMBER);
            assertThat(roleOf(club, CAROL)).isEqualTo(Role.MEMBER);
            assertThat(club.members()).allSatisfy(m -> assertThat(m.since()).isEqualTo(AT_CREATION));
        }

        @Test
        void aCreatorWhoAlsoListsThemselvesIsCountedOnceAndStaysAdmin() {
            Group club = Group.create(BOOK_CLUB_ID, BOOK_CLUB, ALICE, Set.of(ALICE, BOB), AT_CREATION, FOUR_AT_MOST);

            assertThat(club.size()).isEqualTo(2);
            assertThat(roleOf(club, ALICE)).isEqualTo(Role.ADMIN);
        }

        @Test
        void aGroupMayStartAtItsLimit() {
            Group club = Group.create(BOOK_CLUB_ID, BOOK_CLUB, ALICE, Set.of(BOB, CAROL, DAVE), AT_CREATION, FOUR_AT_MOST);

            assertThat(club.size()).isEqualTo(4);
        }

        @Test
        void aGroupCannotStartBeyondItsLimit() {
            assertThat(refusalOf(() -> Group.create(BOOK_CLUB_ID, BOOK_CLUB, ALICE, Set.of(BOB, CAROL, DAVE, ERIN),
                    AT_CREATION, FOUR_AT_MOST))).isEqualTo(Rejection.GROUP_FULL);
        }

        @Test
        void aPolicyAllowsAtLeastTwoMembers() {
            assertThat(refusalOf(() -> new GroupPolicy(1))).isEqualTo(Rejection.INVALID_INPUT);
            assertThat(new GroupPolicy(2).maxMembers()).isEqualTo(2);
            assertThat(GroupPolicy.DEFAULT.maxMembers()).isEqualTo(1024);
        }
    }

    @Nested
    class RenamingAGroup {
        @Test
        void anAdminRenamesIt() {
            Group renamed = alicesBookClub().rename(ALICE, new GroupName("Poetry club"));

            assertThat(renamed.name()).isEqualTo(new GroupName("Poetry club"));
            assertThat(renamed.members()).containsExactlyInAnyOrderElementsOf(alicesBookClub().members());
        }

        @Test
        void aMemberWhoIsNotAnAdminCannot() {
            assertThat(refusalOf(() -> alicesBookClub().rename(BOB, new GroupName("Bob's club"))))
                    .isEqualTo(Rejection.NOT_AN_ADMIN);
        }

        @Test
        void aStrangerIsToldTheGroupDoesNotExist() {
            assertThat(refusalOf(() -> alicesBookClub().rename(DAVE, new GroupName("Dave's club"))))
                    .isEqualTo(Rejection.CHAT_NOT_FOUND);
        }
    }

    @Nested
    class AddingAMember {
        @Test
        void anAdminAddsSomeoneWhoJoinsAsAMemberFromNowOn() {
            Position now = new Position(42);

            Group club = alicesBookClub().addMember(ALICE, DAVE, now, FOUR_AT_MOST);

            assertThat(club.requireMember(DAVE)).isEqualTo(new Membership(DAVE, Role.MEMBER, now));
            assertThat(club.size()).isEqualTo(4);
        }

        @Test
        void aMemberWhoIsNotAnAdminCannot() {
            assertThat(refusalOf(() -> alicesBookClub().addMember(BOB, DAVE, new Position(42), FOUR_AT_MOST)))
                    .isEqualTo(Rejection.NOT_AN_ADMIN);
        }

        @Test
        void aStrangerIsToldTheGroupDoesNotExist() {
            assertThat(refusalOf(() -> alicesBookClub().addMember(DAVE, ERIN, new Position(42), FOUR_AT_MOST)))
                    .isEqualTo(Rejection.CHAT_NOT_FOUND);
        }

        @Test
        void someoneAlreadyInTheGroupCannotBeAddedAgain() {
            assertThat(refusalOf(() -> alicesBookClub().addMember(ALICE, BOB, new Position(42), FOUR_AT_MOST)))
                    .isEqualTo(Rejection.ALREADY_A_MEMBER);
        }

        @Test
        void nobodyIsAddedToAFullGroup() {
            Group full = alicesBookClub().addMember(ALICE, DAVE, new Position(42), FOUR_AT_MOST);

            assertThat(refusalOf(() -> full.addMember(ALICE, ERIN, new Position(43), FOUR_AT_MOST)))
                    .isEqualTo(Rejection.GROUP_FULL);
        }

        @Test
        void theLimitIsTheOneInForceWhenAdding() {
            // an operator who lowers the limit stops growth; the group keeps the members it has
            Group club = alicesBookClub();

            assertThat(refusalOf(() -> club.addMember(ALICE, DAVE, new Position(42), new GroupPolicy(3))))
                    .isEqualTo(Rejection.GROUP_FULL);
            assertThat(club.size()).isEqualTo(3);
        }
    }

    @Nested
    class RemovingAMember {
        @Test
        void anAdminRemovesAMember() {
            Group club = alicesBookClub().removeMember(ALICE, BOB);

            assertThat(club.isMember(BOB)).isFalse();
            assertThat(club.size()).isEqualTo(2);
        }

        @Test
        void aMemberWhoIsNotAnAdminCannotRemoveSomeoneElse() {
            assertThat(refusalOf(() -> alicesBookClub().removeMember(BOB, CAROL))).isEqualTo(Rejection.NOT_AN_ADMIN);
        }

        @Test
        void aStrangerIsToldTheGroupDoesNotExist() {
            assertThat(refusalOf(() -> alicesBookClub().removeMember(DAVE, BOB))).isEqualTo(Rejection.CHAT_NOT_FOUND);
        }

        @Test
        void someoneNotInTheGroupCannotBeRemoved() {
            assertThat(refusalOf(() -> alicesBookClub().removeMember(ALICE, DAVE))).isEqualTo(Rejection.NOT_A_MEMBER);
        }

        @Test
        void removingYourselfIsLeavingWhichAnyMemberMayDo() {
            Group club = alicesBookClub();

            assertThat(club.removeMember(BOB, BOB)).isEqualTo(club.leave(BOB));
            assertThat(club.removeMember(BOB, BOB).isMember(BOB)).isFalse();
        }

        @Test
        void anAdminWhoRemovesTheOnlyOtherAdminStaysTheAdmin() {
            Group club = alicesBookClub().promote(ALICE, BOB).removeMember(BOB, ALICE);

            assertThat(roleOf(club, BOB)).isEqualTo(Role.ADMIN);
            assertThat(roleOf(club, CAROL)).isEqualTo(Role.MEMBER);
        }
    }

    @Nested
    class LeavingAGroup {
        @Test
        void aMemberLeaves() {
            Group club = alicesBookClub().leave(CAROL);

            assertThat(club.isMember(CAROL)).isFalse();
            assertThat(roleOf(club, ALICE)).isEqualTo(Role.ADMIN);
            assertThat(roleOf(club, BOB)).isEqualTo(Role.MEMBER);
        }

        @Test
        void aStrangerIsToldTheGroupDoesNotExist() {
            assertThat(refusalOf(() -> alicesBookClub().leave(DAVE))).isEqualTo(Rejection.CHAT_NOT_FOUND);
        }

        @Test
        void whenTheLastAdminLeavesTheLongestStandingMemberBecomesAdmin() {
            // given a group whose members joined at 30, 20 and 50, listed in no particular order
            Group club = new Group(BOOK_CLUB_ID, BOOK_CLUB, List.of(
                    new Membership(ALICE, Role.ADMIN, new Position(10)),
                    new Membership(DAVE, Role.MEMBER, new Position(30)),
                    new Membership(BOB, Role.MEMBER, new Position(20)),
                    new Membership(ERIN, Role.MEMBER, new Position(50))));

            // when its only admin leaves
            Group afterAlice = club.leave(ALICE);

            // then Bob, who joined first of those left, becomes admin, and nobody else does
            assertThat(roleOf(afterAlice, BOB)).isEqualTo(Role.ADMIN);
            assertThat(roleOf(afterAlice, DAVE)).isEqualTo(Role.MEMBER);
            assertThat(roleOf(afterAlice, ERIN)).isEqualTo(Role.MEMBER);
            assertThat(afterAlice.requireMember(BOB).since()).isEqualTo(new Position(20));
        }

        @Test
        void whenAnAdminLeavesAndAnotherAdminRemainsNobodyIsPromoted() {
            Group club = alicesBookClub().addMember(ALICE, DAVE, new Position(42), FOUR_AT_MOST).promote(ALICE, DAVE);

            Group afterAlice = club.leave(ALICE);

            assertThat(roleOf(afterAlice, DAVE)).isEqualTo(Role.ADMIN);
            assertThat(roleOf(afterAlice, BOB)).isEqualTo(Role.MEMBER);
            assertThat(roleOf(afterAlice, CAROL)).isEqualTo(Role.MEMBER);
        }

        @Test
        void whenTheLastMemberLeavesTheGroupIsEmpty() {
            Group club = Group.create(BOOK_CLUB_ID, BOOK_CLUB, ALICE, Set.of(), AT_CREATION, FOUR_AT_MOST);

            assertThat(club.leave(ALICE).members()).isEmpty();
        }
    }

    @Nested
    class PromotingAMember {
        @Test
        void anAdminMakesAMemberAnAdmin() {
            Group club = alicesBookClub().promote(ALICE, BOB);

            assertThat(roleOf(club, BOB)).isEqualTo(Role.ADMIN);
            assertThat(club.requireMember(BOB).since()).isEqualTo(AT_CREATION);
            assertThat(roleOf(club, ALICE)).isEqualTo(Role.ADMIN);
        }

        @Test
        void aMemberWhoIsNotAnAdminCannot() {
            assertThat(refusalOf(() -> alicesBookClub().promote(BOB, CAROL))).isEqualTo(Rejection.NOT_AN_ADMIN);
        }

        @Test
        void aStrangerIsToldTheGroupDoesNotExist() {
            assertThat(refusalOf(() -> alicesBookClub().promote(FRANK, BOB))).isEqualTo(Rejection.CHAT_NOT_FOUND);
        }

        @Test
        void onlyAMemberCanBePromoted() {
            assertThat(refusalOf(() -> alicesBookClub().promote(ALICE, DAVE))).isEqualTo(Rejection.NOT_A_MEMBER);
        }
    }

    @Nested
    class CarryingItsStoredVersion {
        private static final long STORED_AT = 7;

        /** The book club as a store returned it, at version 7. */
        private Group storedClub() {
            Group club = alicesBookClub();
            return new Group(club.id(), club.name(), club.members(), STORED_AT);
        }

        @Test
        void aGroupNeverStoredIsAtVersionZero() {
            assertThat(alicesBookClub().version()).isZero();
            assertThat(new Group(BOOK_CLUB_ID, BOOK_CLUB, alicesBookClub().members()).version()).isZero();
            assertThat(Group.NEVER_STORED).isZero();
        }

        @Test
        void everyChangeKeepsTheVersionItWasBasedOn() {
            Group club = storedClub();

            assertThat(club.rename(ALICE, new GroupName("Poetry club")).version()).isEqualTo(STORED_AT);
            assertThat(club.addMember(ALICE, DAVE, new Position(42), FOUR_AT_MOST).version()).isEqualTo(STORED_AT);
            assertThat(club.removeMember(ALICE, BOB).version()).isEqualTo(STORED_AT);
            assertThat(club.removeMember(BOB, BOB).version()).isEqualTo(STORED_AT);
            assertThat(club.leave(CAROL).version()).isEqualTo(STORED_AT);
            assertThat(club.leave(ALICE).version()).isEqualTo(STORED_AT);
            assertThat(club.promote(ALICE, BOB).version()).isEqualTo(STORED_AT);
        }

        @Test
        void aChainOfChangesStillSaysWhichStoredVersionItStartedFrom() {
            Group changed = storedClub().rename(ALICE, new GroupName("Poetry club"))
                    .addMember(ALICE, DAVE, new Position(42), FOUR_AT_MOST).promote(ALICE, DAVE).leave(ALICE);

            assertThat(changed.version()).isEqualTo(STORED_AT);
        }

        @Test
        void theVersionIsNotPartOfTheGroupsValue() {
            // the same group read at two versions is the same group; only a store compares versions
            assertThat(storedClub()).isEqualTo(alicesBookClub()).hasSameHashCodeAs(alicesBookClub());
        }

        @Test
        void aVersionIsNeverNegative() {
            assertThat(refusalOf(() -> new Group(BOOK_CLUB_ID, BOOK_CLUB, List.of(), -1)))
                    .isEqualTo(Rejection.INVALID_INPUT);
        }
    }

    @Nested
    class ChangingAGroup {
        @Test
        void leavesTheGroupItChangedAsItWas() {
            // a group is a value: every change returns the new group
            Group club = alicesBookClub();

            club.addMember(ALICE, DAVE, new Position(42), FOUR_AT_MOST);
            club.removeMember(ALICE, BOB);
            club.promote(ALICE, CAROL);
            club.rename(ALICE, new GroupName("Poetry club"));

            assertThat(club).isEqualTo(alicesBookClub());
            assertThat(club.size()).isEqualTo(3);
            assertThat(roleOf(club, CAROL)).isEqualTo(Role.MEMBER);
        }

        @Test
        void doesNotLetAnyoneEditItsMembersFromOutside() {
            Group club = alicesBookClub();
            Membership intruder = new Membership(DAVE, Role.ADMIN, AT_CREATION);

            assertThat(catchThrowable(() -> club.members().add(intruder)))
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(club.isMember(DAVE)).isFalse();
        }
    }
}
