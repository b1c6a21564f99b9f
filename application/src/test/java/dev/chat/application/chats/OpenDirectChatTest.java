package dev.chat.application.chats;

import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.DirectChat;
import org.junit.jupiter.api.Test;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.caller;
import static dev.chat.application.identity.People.withAccounts;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Opening a direct chat: there is exactly one between two people, whoever opens it. */
class OpenDirectChatTest {
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final OpenDirectChat open = new OpenDirectChat(chats, new KnownUsers(withAccounts(ALICE, BOB, CAROL)));

    @Test
    void opensTheChatBetweenTheTwoAndStoresIt() {
        DirectChat chat = open.open(caller(ALICE), BOB.id());

        assertThat(chat.isMember(ALICE.id())).isTrue();
        assertThat(chat.isMember(BOB.id())).isTrue();
        assertThat(chat.members()).hasSize(2);
        assertThat(chats.findById(chat.id())).contains(chat);
    }

    @Test
    void isTheSameChatWhicheverOfTheTwoOpensItAndHoweverOften() {
        DirectChat alicesView = open.open(caller(ALICE), BOB.id());

        DirectChat bobsView = open.open(caller(BOB), ALICE.id());
        DirectChat again = open.open(caller(ALICE), BOB.id());

        assertThat(bobsView).isEqualTo(alicesView).isEqualTo(again);
        assertThat(chats.chatsOf(ALICE.id())).containsExactly(alicesView);
        assertThat(chats.chatsOf(BOB.id())).containsExactly(alicesView);
    }

    @Test
    void isAnotherChatWithSomeoneElse() {
        DirectChat withBob = open.open(caller(ALICE), BOB.id());

        DirectChat withCarol = open.open(caller(ALICE), CAROL.id());

        assertThat(withCarol.id()).isNotEqualTo(withBob.id());
        assertThat(chats.chatsOf(ALICE.id())).containsExactlyInAnyOrder(withBob, withCarol);
    }

    @Test
    void withSomeoneWhoHasNoAccountIsRefusedAndNothingIsStored() {
        assertThat(refusalOf(() -> open.open(caller(ALICE), DAVE.id()))).isEqualTo(Rejection.USER_NOT_FOUND);
        assertThat(chats.chatsOf(ALICE.id())).isEmpty();
    }

    @Test
    void withYourselfIsRefused() {
        assertThat(refusalOf(() -> open.open(caller(ALICE), ALICE.id()))).isEqualTo(Rejection.CANNOT_CHAT_WITH_SELF);
        assertThat(chats.chatsOf(ALICE.id())).isEmpty();
    }
}
