package dev.chat.application.identity;

import dev.chat.application.port.CredentialStore.StoredCredentials;
import dev.chat.application.port.memory.InMemoryCredentialStore;
import dev.chat.application.port.memory.InMemoryUserRepository;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.Username;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** Signing up with a username and a password: the embedded issuer vouches for the new user. */
class SignUpTest {
    private static final String GOOD_PASSWORD = "correct horse battery staple";

    private final InMemoryUserRepository users = People.withAccounts(ALICE);
    private final InMemoryCredentialStore credentials = new InMemoryCredentialStore();
    private final ReversingHasher hasher = new ReversingHasher();
    private final FakeTokenIssuer issuer = new FakeTokenIssuer();
    private final TimeOrderedIds ids = new TimeOrderedIds();
    private final SignUp signUp = new SignUp(users, credentials, hasher, issuer, ids);

    @Nested
    class ANewUser {
        @Test
        void isStoredUnderTheirNameInLowerCaseWithTheirDisplayName() {
            User grace = signUp.signUp("Grace", GOOD_PASSWORD, "Grace Hopper");

            assertThat(grace.username()).isEqualTo(new Username("grace"));
            assertThat(grace.displayName()).isEqualTo("Grace Hopper");
            assertThat(users.findByUsername(new Username("grace"))).contains(grace);
        }

        @Test
        void isVouchedForByTheEmbeddedIssuerUnderTheirOwnId() {
            User grace = signUp.signUp("grace", GOOD_PASSWORD, null);

            assertThat(grace.identity()).isEqualTo(new ExternalIdentity(FakeTokenIssuer.NAME, grace.id().toString()));
            assertThat(users.findByIdentity(grace.identity())).contains(grace);
        }

        @Test
        void hasTheirPasswordStoredHashedNeverInTheClear() {
            User grace = signUp.signUp("grace", GOOD_PASSWORD, null);

            StoredCredentials stored = credentials.findByUsername(grace.username()).orElseThrow();
            assertThat(stored.user()).isEqualTo(grace.id());
            assertThat(stored.passwordHash()).isNotEqualTo(GOOD_PASSWORD).doesNotContain(GOOD_PASSWORD);
            assertThat(hasher.matches(GOOD_PASSWORD, stored.passwordHash())).isTrue();
        }
    }

    @Nested
    class ATakenUsername {
        @ParameterizedTest
        @ValueSource(strings = {"alice", "ALICE", "Alice"})
        void isRefusedWhateverItsCaseAndNothingIsStored(String username) {
            assertThat(refusalOf(() -> signUp.signUp(username, GOOD_PASSWORD, "Another Alice")))
                    .isEqualTo(Rejection.USERNAME_TAKEN);
            assertThat(users.findByUsername(ALICE.username())).contains(ALICE);
            assertThat(credentials.findByUsername(ALICE.username())).isEmpty();
        }
    }

    @Nested
    class APassword {
        @ParameterizedTest
        @ValueSource(ints = {8, 72, 128})
        void of8To128CharactersIsAccepted(int length) {
            User grace = signUp.signUp("grace", "p".repeat(length), null);

            assertThat(credentials.findByUsername(grace.username())).isPresent();
        }

        @ParameterizedTest
        @ValueSource(ints = {0, 7, 129, 1000})
        void ofFewerThan8OrMoreThan128CharactersIsRefusedAndNothingIsStored(int length) {
            assertThat(refusalOf(() -> signUp.signUp("grace", "p".repeat(length), null)))
                    .isEqualTo(Rejection.INVALID_INPUT);
            assertThat(users.findByUsername(new Username("grace"))).isEmpty();
            assertThat(credentials.findByUsername(new Username("grace"))).isEmpty();
        }

        @Test
        void isRequired() {
            assertThat(refusalOf(() -> signUp.signUp("grace", null, null))).isEqualTo(Rejection.INVALID_INPUT);
            assertThat(users.findByUsername(new Username("grace"))).isEmpty();
        }
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"gr", "grace hopper", "grâce"})
    void aMalformedUsernameIsRefusedAndNothingIsStored(String username) {
        assertThat(refusalOf(() -> signUp.signUp(username, GOOD_PASSWORD, null))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(ids.made()).isZero();
    }
}
