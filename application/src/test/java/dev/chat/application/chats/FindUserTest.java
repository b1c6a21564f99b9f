package dev.chat.application.chats;

import dev.chat.domain.Rejection;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.withAccounts;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Finding someone to chat with, by username or by id. */
class FindUserTest {
    private final FindUser find = new FindUser(withAccounts(ALICE, BOB));

    @Test
    void findsSomeoneByUsernameWhateverItsCase() {
        assertThat(find.byUsername("alice")).isEqualTo(ALICE);
        assertThat(find.byUsername("Alice")).isEqualTo(ALICE);
    }

    @Test
    void anUnknownUsernameIsNotFound() {
        assertThat(refusalOf(() -> find.byUsername("dave"))).isEqualTo(Rejection.USER_NOT_FOUND);
    }

    @Test
    void aMalformedUsernameIsInvalidInput() {
        assertThat(refusalOf(() -> find.byUsername("no such name"))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void findsSomeoneById() {
        assertThat(find.byId(BOB.id())).isEqualTo(BOB);
        assertThat(refusalOf(() -> find.byId(DAVE.id()))).isEqualTo(Rejection.USER_NOT_FOUND);
    }

    @Test
    void findsTheKnownOnesAmongManyIdsOnceEach() {
        List<UserId> asked = List.of(ALICE.id(), DAVE.id(), BOB.id(), ALICE.id());

        assertThat(find.byIds(asked)).containsExactlyInAnyOrder(ALICE, BOB);
    }
}
