package dev.chat.application.identity;

import dev.chat.domain.user.IssuedToken;
import dev.chat.application.port.memory.InMemoryCredentialStore;
import dev.chat.application.port.memory.InMemoryUserRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Logging in to the embedded issuer: the right password gets a token; every failure looks the same. */
class LogInTest {
    private static final String GRACES_PASSWORD = "correct horse battery staple";

    private final InMemoryUserRepository users = new InMemoryUserRepository();
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    private final ReversingHasher hasher = new ReversingHasher();
    private final FakeTokenIssuer issuer = new FakeTokenIssuer();
    private final LogIn logIn = new LogIn(users, credentials, hasher, issuer);
    private User grace;

    /** Given Grace signed up with her password. */
    @BeforeEach
    void graceHasAnAccount() {
        grace = new SignUp(users, credentials, hasher, issuer, new TimeOrderedIds())
                .signUp("grace", GRACES_PASSWORD, "Grace Hopper");
    }

    private RejectedException refusal(String username, String password) {
        return catchThrowableOfType(RejectedException.class, () -> logIn.logIn(username, password));
    }

    @Nested
    class TheRightPassword {
        @Test
        void getsATokenIssuedForTheUser() {
            IssuedToken token = logIn.logIn("grace", GRACES_PASSWORD);

            assertThat(issuer.issuedTo()).containsExactly(grace);
            assertThat(token.accessToken()).isEqualTo("token-for-" + grace.id());
        }

        @Test
        void worksWhateverTheCaseOfTheUsername() {
            logIn.logIn("GRACE", GRACES_PASSWORD);

            assertThat(issuer.issuedTo()).containsExactly(grace);
        }
    }

    @Nested
    class AFailedLogIn {
        @Test
        void withAWrongPasswordIsRefusedAsBadCredentials() {
            assertThat(refusalOf(() -> logIn.logIn("grace", "incorrect horse"))).isEqualTo(Rejection.BAD_CREDENTIALS);
            assertThat(issuer.issuedTo()).isEmpty();
        }

        @Test
        void ofAnUnknownUserIsAnsweredExactlyLikeAWrongPassword() {
            int checksBefore = hasher.checks();
            RejectedException wrongPassword = refusal("grace", "incorrect horse");
            int checksForWrongPassword = hasher.checks() - checksBefore;

            RejectedException unknownUser = refusal("hopper", "incorrect horse");
            int checksForUnknownUser = hasher.checks() - checksBefore - checksForWrongPassword;

            assertThat(unknownUser.rejection()).isEqualTo(wrongPassword.rejection()).isEqualTo(Rejection.BAD_CREDENTIALS);
            assertThat(unknownUser.getMessage()).isEqualTo(wrongPassword.getMessage());
            assertThat(checksForUnknownUser).as("a password is checked for an unknown user too, so timing tells nothing")
                    .isEqualTo(checksForWrongPassword).isEqualTo(1);
            assertThat(issuer.issuedTo()).isEmpty();
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "gr", "grace hopper"})
        void withAMalformedUsernameIsRefusedAsBadCredentials(String username) {
            assertThat(refusalOf(() -> logIn.logIn(username, GRACES_PASSWORD))).isEqualTo(Rejection.BAD_CREDENTIALS);
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "CORRECT HORSE BATTERY STAPLE"})
        void withoutTheExactPasswordIsRefusedAsBadCredentials(String password) {
            assertThat(refusalOf(() -> logIn.logIn("grace", password))).isEqualTo(Rejection.BAD_CREDENTIALS);
            assertThat(issuer.issuedTo()).isEmpty();
        }
    }
}
