package dev.chat.domain.user;

import dev.chat.domain.Rejection;
import org.junit.jupiter.api.Test;

import static dev.chat.domain.People.ALICE;
import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** A user: an id, a username, a display name and the identity provider that vouches for them. */
class UserTest {
    private static final ExternalIdentity ISSUED_BY_US = new ExternalIdentity("https://chat.example", "alice-subject");

    @Test
    void aUserWithoutADisplayNameIsShownByTheirUsername() {
        assertThat(new User(ALICE, new Username("Alice"), null, ISSUED_BY_US).displayName()).isEqualTo("alice");
        assertThat(new User(ALICE, new Username("alice"), "   ", ISSUED_BY_US).displayName()).isEqualTo("alice");
    }

    @Test
    void aDisplayNameIsTrimmed() {
        assertThat(new User(ALICE, new Username("alice"), "  Alice Liddell \n", ISSUED_BY_US).displayName())
                .isEqualTo("Alice Liddell");
    }

    @Test
    void aDisplayNameIsAtMostSixtyFourCharacters() {
        assertThat(new User(ALICE, new Username("alice"), "a".repeat(64), ISSUED_BY_US).displayName()).hasSize(64);
        assertThat(refusalOf(() -> new User(ALICE, new Username("alice"), "a".repeat(65), ISSUED_BY_US)))
                .isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aDisplayNameWithAnUnpairedSurrogateIsRefused() {
        assertThat(refusalOf(() -> new User(ALICE, new Username("alice"), "Alice \uD83D", ISSUED_BY_US)))
                .isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aUserNeedsAnIdAUsernameAndAnIdentity() {
        assertThat(refusalOf(() -> new User(null, new Username("alice"), "Alice", ISSUED_BY_US)))
                .isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new User(ALICE, null, "Alice", ISSUED_BY_US))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new User(ALICE, new Username("alice"), "Alice", null)))
                .isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void anIdentityNeedsAnIssuerAndASubject() {
        assertThat(refusalOf(() -> new ExternalIdentity(" ", "alice-subject"))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new ExternalIdentity("https://chat.example", ""))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new ExternalIdentity(null, "alice-subject"))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @org.junit.jupiter.api.Test
    void aDisplayNameWithAControlCharacterInsideIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> new User(ALICE, new Username("alice"), "Al\u0000ice", ISSUED_BY_US))
                .isInstanceOf(dev.chat.domain.RejectedException.class)
                .extracting(e -> ((dev.chat.domain.RejectedException) e).rejection())
                .isEqualTo(dev.chat.domain.Rejection.INVALID_INPUT);
    }
}
