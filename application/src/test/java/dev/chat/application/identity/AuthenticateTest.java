package dev.chat.application.identity;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.TokenFailure;
import dev.chat.application.port.memory.InMemoryUserRepository;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.Username;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.PROVIDER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Authenticating a token from any identity provider: whoever the provider vouches for is a user
 * here, provisioned on first sight under the name they prefer when it is free and well-formed.
 */
class AuthenticateTest {
    private static final String OTHER_PROVIDER = "https://accounts.other.example";

    private final StubVerifier provider = new StubVerifier();
    private final InMemoryUserRepository users = People.withAccounts(ALICE);
    private final TimeOrderedIds ids = new TimeOrderedIds();
    private final Authenticate authenticate = new Authenticate(provider, users, ids);

    private User stored(Caller caller) {
        return users.findById(caller.user()).orElseThrow();
    }

    private static TokenFailure failureOf(Runnable action) {
        InvalidTokenException refused = catchThrowableOfType(InvalidTokenException.class, action::run);
        assertThat(refused).as("the token should be refused").isNotNull();
        return refused.failure();
    }

    @Nested
    class ANewcomer {
        @Test
        void isProvisionedOnFirstSightUnderTheNameTheyPrefer() {
            provider.vouches("grace-token", PROVIDER, "sub-grace", "Grace", "Grace Hopper");

            Caller grace = authenticate.authenticate("grace-token");

            assertThat(grace.username()).isEqualTo(new Username("grace"));
            User provisioned = stored(grace);
            assertThat(provisioned.identity()).isEqualTo(new ExternalIdentity(PROVIDER, "sub-grace"));
            assertThat(provisioned.displayName()).isEqualTo("Grace Hopper");
            assertThat(users.findByUsername(new Username("grace"))).contains(provisioned);
        }

        @Test
        void isTheSameUserNextTimeWhateverTokenTheProviderIssuedThem() {
            provider.vouches("morning-token", PROVIDER, "sub-grace", "grace", "Grace")
                    .vouches("evening-token", PROVIDER, "sub-grace", "grace", "Grace");
            Caller first = authenticate.authenticate("morning-token");

            Caller again = authenticate.authenticate("evening-token");

            assertThat(again).isEqualTo(first);
            assertThat(ids.made()).as("ids made: one for the single provisioned user").isEqualTo(1);
        }

        @Test
        void whosePreferredNameIsTakenGetsAGeneratedOneAndTheHolderKeepsTheirs() {
            provider.vouches("impostor-token", OTHER_PROVIDER, "sub-someone", "alice", "Alice Too");

            Caller newcomer = authenticate.authenticate("impostor-token");

            assertThat(newcomer.user()).isNotEqualTo(ALICE.id());
            assertThat(newcomer.username().value()).startsWith("user-");
            assertThat(users.findByUsername(ALICE.username())).contains(ALICE);
        }

        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"al", "grace hopper", "grâce", "a-name-far-longer-than-thirty-two-chars"})
        void withoutAWellFormedPreferredNameGetsAGeneratedOne(String preferred) {
            provider.vouches("token", PROVIDER, "sub-grace", preferred, "Grace");

            Caller grace = authenticate.authenticate("token");

            assertThat(grace.username().value()).startsWith("user-");
            assertThat(stored(grace).displayName()).isEqualTo("Grace");
        }

        @Test
        void newcomersWithoutAUsableNameWithinTheSameMinuteGetDistinctNames() {
            // production ids are time-ordered: ids made within a minute share their leading digits
            provider.vouches("first", PROVIDER, "sub-1", null, null)
                    .vouches("second", PROVIDER, "sub-2", null, null)
                    .vouches("third", OTHER_PROVIDER, "sub-3", "x", null);

            List<Caller> newcomers = List.of(authenticate.authenticate("first"),
                    authenticate.authenticate("second"), authenticate.authenticate("third"));

            assertThat(newcomers).extracting(Caller::username).doesNotHaveDuplicates()
                    .allSatisfy(name -> assertThat(name.value()).startsWith("user-"));
            assertThat(newcomers).extracting(Caller::user).doesNotHaveDuplicates();
        }

        @Test
        void isKnownByIssuerAndSubjectTogether() {
            provider.vouches("here", PROVIDER, "sub-7", "seven", null)
                    .vouches("there", OTHER_PROVIDER, "sub-7", "seven", null);

            Caller here = authenticate.authenticate("here");
            Caller there = authenticate.authenticate("there");

            assertThat(there.user()).isNotEqualTo(here.user());
            assertThat(here.username()).isEqualTo(new Username("seven"));
            assertThat(there.username().value()).startsWith("user-");
        }

        @Test
        void whoseDisplayNameTheModelCannotKeepIsStillLetIn() {
            String tooLong = "Grace Brewster Murray Hopper, Rear Admiral, United States Navy (retired)";
            provider.vouches("token", PROVIDER, "sub-grace", "grace", tooLong);

            Caller grace = authenticate.authenticate("token");

            assertThat(grace.username()).isEqualTo(new Username("grace"));
            assertThat(stored(grace).displayName()).isEqualTo("grace");
        }
    }

    @Nested
    class AKnownUser {
        @Test
        void isRecognizedByTheirIdentityAndKeepsTheirName() {
            provider.vouches("alice-token", PROVIDER, "alice", "someone-else", "Alice Renamed");

            Caller alice = authenticate.authenticate("alice-token");

            assertThat(alice).isEqualTo(People.caller(ALICE));
            assertThat(stored(alice)).isEqualTo(ALICE);
            assertThat(ids.made()).isZero();
        }
    }

    @Nested
    class ARefusedToken {
        @ParameterizedTest
        @NullSource
        @ValueSource(strings = {"", "   ", "\t"})
        void thatIsBlankIsMissingAndNeverReachesTheProvider(String blank) {
            assertThat(failureOf(() -> authenticate.authenticate(blank))).isEqualTo(TokenFailure.MISSING);
            assertThat(provider.asked()).isZero();
        }

        @ParameterizedTest
        @EnumSource(value = TokenFailure.class, names = "MISSING", mode = EnumSource.Mode.EXCLUDE)
        void isRefusedForTheProvidersReasonAndProvisionsNobody(TokenFailure reason) {
            provider.refuses("bad-token", reason);

            assertThat(failureOf(() -> authenticate.authenticate("bad-token"))).isEqualTo(reason);
            assertThat(ids.made()).isZero();
        }

        @Test
        void thatTheProviderNeverIssuedIsMalformed() {
            assertThat(failureOf(() -> authenticate.authenticate("forged"))).isEqualTo(TokenFailure.MALFORMED);
            assertThat(users.findByIdentity(new ExternalIdentity(PROVIDER, "forged"))).isEmpty();
        }
    }
}
