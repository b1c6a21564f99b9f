package dev.chat.domain.chat;

import dev.chat.domain.Rejection;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.chat.domain.People.ALICE;
import static dev.chat.domain.People.BOB;
import static dev.chat.domain.People.CAROL;
import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The one chat between two users: whoever opens it, on any node, opens the same one. */
class DirectChatTest {

    @Property
    void twoUsersHaveOneChatWhicheverOfThemOpensIt(@ForAll("users") UserId a, @ForAll("users") UserId b) {
        Assume.that(!a.equals(b));

        DirectChat openedByA = DirectChat.between(a, b);
        DirectChat openedByB = DirectChat.between(b, a);

        assertThat(openedByA.id()).isEqualTo(openedByB.id()).isEqualTo(DirectChat.idFor(b, a));
        assertThat(openedByA).isEqualTo(openedByB);
    }

    @Property
    void differentPairsHaveDifferentChats(@ForAll("users") UserId a, @ForAll("users") UserId b,
                                          @ForAll("users") UserId c) {
        Assume.that(!a.equals(b) && !a.equals(c) && !b.equals(c));

        assertThat(DirectChat.idFor(a, b)).isNotEqualTo(DirectChat.idFor(a, c));
    }

    @Property
    void aDirectChatIsRebuiltFromItsIdAndUsersInEitherOrder(@ForAll("users") UserId a, @ForAll("users") UserId b) {
        Assume.that(!a.equals(b));
        ChatId id = DirectChat.idFor(a, b);

        // as a store would rebuild it, whatever order it kept the two users in
        assertThat(new DirectChat(id, a, b)).isEqualTo(new DirectChat(id, b, a));
    }

    @Test
    void nobodyHasAChatWithThemselves() {
        assertThat(refusalOf(() -> DirectChat.between(ALICE, ALICE))).isEqualTo(Rejection.CANNOT_CHAT_WITH_SELF);
        assertThat(refusalOf(() -> new DirectChat(DirectChat.idFor(ALICE, ALICE), ALICE, ALICE)))
                .isEqualTo(Rejection.CANNOT_CHAT_WITH_SELF);
    }

    @Test
    void aDirectChatsIdIsAlwaysTheOneDerivedFromItsUsers() {
        ChatId someOtherChat = DirectChat.idFor(ALICE, CAROL);

        assertThat(refusalOf(() -> new DirectChat(someOtherChat, ALICE, BOB))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void theTwoUsersAreItsMembersAndNobodyElse() {
        DirectChat chat = DirectChat.between(ALICE, BOB);

        assertThat(chat.members()).containsExactlyInAnyOrder(
                new Membership(ALICE, Role.MEMBER, Position.START), new Membership(BOB, Role.MEMBER, Position.START));
        assertThat(chat.isMember(ALICE)).isTrue();
        assertThat(chat.isMember(BOB)).isTrue();
        assertThat(chat.isMember(CAROL)).isFalse();
        assertThat(chat.requireMember(BOB).userId()).isEqualTo(BOB);
    }

    @Test
    void aStrangerIsToldTheChatDoesNotExist() {
        // "not found" and "not yours" look the same from outside
        DirectChat chat = DirectChat.between(ALICE, BOB);

        assertThat(refusalOf(() -> chat.requireMember(CAROL))).isEqualTo(Rejection.CHAT_NOT_FOUND);
    }

    @Test
    void eachUserSeesTheOtherAsTheirCorrespondent() {
        DirectChat chat = DirectChat.between(BOB, ALICE);

        assertThat(chat.other(ALICE)).isEqualTo(BOB);
        assertThat(chat.other(BOB)).isEqualTo(ALICE);
    }

    @Provide
    Arbitrary<UserId> users() {
        // few distinct values on the high bits, so that pairs often share a prefix and order matters
        return Combinators.combine(Arbitraries.longs().between(-2, 2), Arbitraries.longs())
                .as((high, low) -> new UserId(new UUID(high, low)));
    }
}
