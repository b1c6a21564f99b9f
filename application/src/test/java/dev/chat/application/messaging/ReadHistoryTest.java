package dev.chat.application.messaging;

import dev.chat.application.identity.TimeOrderedIds;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.caller;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Reading a chat's history a page at a time, in the chat's order; a member sees what followed their joining. */
class ReadHistoryTest {
    private final Conversation conversation = new Conversation();
    private final ReadHistory history = new ReadHistory(conversation.chats, conversation.store);
    private final DirectChat aliceAndBob = conversation.has(DirectChat.between(ALICE.id(), BOB.id()));

    @Test
    void pagesFollowOneAnotherThroughTheNextCursorUntilTheEnd() {
        List<Message> said = conversation.saysMany(BOB, aliceAndBob, 7);

        HistoryPage first = history.after(caller(ALICE), aliceAndBob.id(), Position.START, 3);
        HistoryPage second = history.after(caller(ALICE), aliceAndBob.id(), first.next().orElseThrow(), 3);
        HistoryPage last = history.after(caller(ALICE), aliceAndBob.id(), second.next().orElseThrow(), 3);

        assertThat(first.messages()).containsExactlyElementsOf(said.subList(0, 3));
        assertThat(first.next()).contains(said.get(2).position());
        assertThat(second.messages()).containsExactlyElementsOf(said.subList(3, 6));
        assertThat(last.messages()).containsExactly(said.get(6));
        assertThat(last.next()).isEmpty();
    }

    @Test
    void aPageThatEndsTheHistoryExactlyHasNoNextCursor() {
        List<Message> said = conversation.saysMany(BOB, aliceAndBob, 6);

        HistoryPage second = history.after(caller(ALICE), aliceAndBob.id(), said.get(2).position(), 3);

        assertThat(second.messages()).containsExactlyElementsOf(said.subList(3, 6));
        assertThat(second.next()).isEmpty();
    }

    @Test
    void onlyThisChatsMessagesAreReadWhateverElseIsInTheLog() {
        DirectChat aliceAndCarol = conversation.has(DirectChat.between(ALICE.id(), CAROL.id()));
        Message hello = conversation.says(BOB, aliceAndBob, "hello");
        conversation.says(CAROL, aliceAndCarol, "psst");
        Message howAreYou = conversation.says(ALICE, aliceAndBob, "how are you?");

        HistoryPage page = history.after(caller(BOB), aliceAndBob.id(), Position.START, ReadHistoryUseCase.DEFAULT_LIMIT);

        assertThat(page.messages()).containsExactly(hello, howAreYou);
        assertThat(page.next()).isEmpty();
    }

    @Test
    void anEmptyChatHasAnEmptyHistory() {
        HistoryPage page = history.after(caller(ALICE), aliceAndBob.id(), Position.START, 10);

        assertThat(page.messages()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 500})
    void aPageHoldsOneToFiveHundredMessages(int limit) {
        conversation.saysMany(BOB, aliceAndBob, 2);

        HistoryPage page = history.after(caller(ALICE), aliceAndBob.id(), Position.START, limit);

        assertThat(page.messages()).hasSize(Math.min(limit, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 501, Integer.MAX_VALUE})
    void aLimitOutsideOneToFiveHundredIsRefused(int limit) {
        assertThat(refusalOf(() -> history.after(caller(ALICE), aliceAndBob.id(), Position.START, limit)))
                .isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aMemberAddedLaterDoesNotSeeWhatWasSaidBefore() {
        ChatId clubId = new TimeOrderedIds().newChatId();
        Group club = conversation.has(Group.create(clubId, new GroupName("Book club"),
                ALICE.id(), Set.of(BOB.id()), conversation.log.head(clubId), GroupPolicy.DEFAULT));
        conversation.says(ALICE, club, "before Carol joined");
        conversation.has(club.addMember(ALICE.id(), CAROL.id(), conversation.log.head(club.id()), GroupPolicy.DEFAULT));
        Message welcome = conversation.says(ALICE, club, "welcome Carol");

        HistoryPage carols = history.after(caller(CAROL), club.id(), Position.START, 10);
        HistoryPage bobs = history.after(caller(BOB), club.id(), Position.START, 10);

        assertThat(carols.messages()).containsExactly(welcome);
        assertThat(bobs.messages()).hasSize(2);
    }

    @Test
    void aStrangerAndAnUnknownChatAreRefusedAlike() {
        conversation.says(BOB, aliceAndBob, "just between us");

        assertThat(refusalOf(() -> history.after(caller(DAVE), aliceAndBob.id(), Position.START, 10)))
                .isEqualTo(Rejection.CHAT_NOT_FOUND);
        assertThat(refusalOf(() -> history.after(caller(ALICE), new ChatId(UUID.randomUUID()), Position.START, 10)))
                .isEqualTo(Rejection.CHAT_NOT_FOUND);
    }

    @Test
    void walkingEveryPageGivesEveryMessageOnceInOrder() {
        List<Message> said = conversation.saysMany(ALICE, aliceAndBob, 23);
        List<Message> read = new ArrayList<>();
        Position cursor = Position.START;

        while (true) {
            HistoryPage page = history.after(caller(BOB), aliceAndBob.id(), cursor, 5);
            read.addAll(page.messages());
            if (page.next().isEmpty()) {
                break;
            }
            cursor = page.next().get();
        }

        assertThat(read).containsExactlyElementsOf(said);
    }
}
