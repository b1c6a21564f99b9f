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

    /** Beyond any chat's last position, and the largest integer JavaScript holds exactly. */
    private static final Position NEWEST = new Position(9_007_199_254_740_991L);

    @Test
    void readingBackwardsFromBeyondTheEndGivesTheNewestPageOldestFirst() {
        List<Message> said = conversation.saysMany(BOB, aliceAndBob, 7);

        HistoryPage newest = history.before(caller(ALICE), aliceAndBob.id(), NEWEST, 3);

        assertThat(newest.messages()).containsExactlyElementsOf(said.subList(4, 7));
        assertThat(newest.previous()).contains(said.get(4).position());
        assertThat(newest.next()).isEmpty();
    }

    @Test
    void pagesGoBackThroughThePreviousCursorUntilTheFirstMessage() {
        List<Message> said = conversation.saysMany(BOB, aliceAndBob, 7);

        HistoryPage newest = history.before(caller(ALICE), aliceAndBob.id(), NEWEST, 3);
        HistoryPage middle = history.before(caller(ALICE), aliceAndBob.id(), newest.previous().orElseThrow(), 3);
        HistoryPage oldest = history.before(caller(ALICE), aliceAndBob.id(), middle.previous().orElseThrow(), 3);

        assertThat(middle.messages()).containsExactlyElementsOf(said.subList(1, 4));
        assertThat(middle.previous()).contains(said.get(1).position());
        assertThat(oldest.messages()).containsExactly(said.get(0));
        assertThat(oldest.previous()).isEmpty();
    }

    @Test
    void aBackwardPageThatStartsTheHistoryExactlyHasNoPreviousCursor() {
        List<Message> said = conversation.saysMany(BOB, aliceAndBob, 6);

        HistoryPage first = history.before(caller(ALICE), aliceAndBob.id(), said.get(3).position(), 3);

        assertThat(first.messages()).containsExactlyElementsOf(said.subList(0, 3));
        assertThat(first.previous()).isEmpty();
    }

    @Test
    void readingBackwardsStopsStrictlyBeforeThePosition() {
        List<Message> said = conversation.saysMany(BOB, aliceAndBob, 4);

        HistoryPage page = history.before(caller(ALICE), aliceAndBob.id(), said.get(2).position(), 10);
        HistoryPage nothing = history.before(caller(ALICE), aliceAndBob.id(), said.get(0).position(), 10);

        assertThat(page.messages()).containsExactly(said.get(0), said.get(1));
        assertThat(nothing.messages()).isEmpty();
        assertThat(nothing.previous()).isEmpty();
    }

    @Test
    void walkingEveryPageBackwardsGivesEveryMessageOnce() {
        DirectChat aliceAndCarol = conversation.has(DirectChat.between(ALICE.id(), CAROL.id()));
        List<Message> said = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            said.add(conversation.says(ALICE, aliceAndBob, "line " + i));
            conversation.says(CAROL, aliceAndCarol, "elsewhere " + i);
        }
        List<Message> read = new ArrayList<>();
        Position cursor = NEWEST;

        while (true) {
            HistoryPage page = history.before(caller(BOB), aliceAndBob.id(), cursor, 5);
            read.addAll(0, page.messages());
            if (page.previous().isEmpty()) {
                break;
            }
            cursor = page.previous().get();
        }

        assertThat(read).containsExactlyElementsOf(said);
    }

    @Test
    void aMemberAddedLaterReadsBackOnlyToTheirJoining() {
        ChatId clubId = new TimeOrderedIds().newChatId();
        Group club = conversation.has(Group.create(clubId, new GroupName("Book club"),
                ALICE.id(), Set.of(BOB.id()), conversation.log.head(clubId), GroupPolicy.DEFAULT));
        List<Message> earlier = conversation.saysMany(ALICE, club, 3);
        conversation.has(club.addMember(ALICE.id(), CAROL.id(), conversation.log.head(club.id()), GroupPolicy.DEFAULT));
        Message welcome = conversation.says(ALICE, club, "welcome Carol");
        Message thanks = conversation.says(CAROL, club, "thanks");

        HistoryPage newest = history.before(caller(CAROL), club.id(), NEWEST, 1);
        HistoryPage older = history.before(caller(CAROL), club.id(), newest.previous().orElseThrow(), 1);
        HistoryPage all = history.before(caller(CAROL), club.id(), NEWEST, 10);
        HistoryPage belowJoining = history.before(caller(CAROL), club.id(), earlier.get(2).position(), 10);
        HistoryPage bobs = history.before(caller(BOB), club.id(), NEWEST, 10);

        assertThat(newest.messages()).containsExactly(thanks);
        assertThat(older.messages()).containsExactly(welcome);
        // older messages exist, but none Carol may see: no cursor to them
        assertThat(older.previous()).isEmpty();
        assertThat(all.messages()).containsExactly(welcome, thanks);
        assertThat(all.previous()).isEmpty();
        assertThat(belowJoining.messages()).isEmpty();
        assertThat(belowJoining.previous()).isEmpty();
        assertThat(bobs.messages()).hasSize(5);
    }

    @Test
    void anEmptyChatHasAnEmptyHistoryBackwardsToo() {
        HistoryPage page = history.before(caller(ALICE), aliceAndBob.id(), NEWEST, 10);

        assertThat(page.messages()).isEmpty();
        assertThat(page.previous()).isEmpty();
        assertThat(page.next()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 501, Integer.MAX_VALUE})
    void aBackwardLimitOutsideOneToFiveHundredIsRefused(int limit) {
        assertThat(refusalOf(() -> history.before(caller(ALICE), aliceAndBob.id(), NEWEST, limit)))
                .isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aStrangerAndAnUnknownChatAreRefusedAlikeBackwards() {
        conversation.says(BOB, aliceAndBob, "just between us");

        assertThat(refusalOf(() -> history.before(caller(DAVE), aliceAndBob.id(), NEWEST, 10)))
                .isEqualTo(Rejection.CHAT_NOT_FOUND);
        assertThat(refusalOf(() -> history.before(caller(ALICE), new ChatId(UUID.randomUUID()), NEWEST, 10)))
                .isEqualTo(Rejection.CHAT_NOT_FOUND);
        // even when there is nothing to read before the position
        assertThat(refusalOf(() -> history.before(caller(DAVE), aliceAndBob.id(), Position.START, 10)))
                .isEqualTo(Rejection.CHAT_NOT_FOUND);
    }
}
