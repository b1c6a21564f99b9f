package dev.chat.application.port.contract;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.TokenFailure;
import dev.chat.application.port.AccessTokenVerifier;
import dev.chat.application.port.AccessTokenVerifier.VerifiedToken;
import dev.chat.domain.user.ExternalIdentity;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link AccessTokenVerifier} promises: a token signed by a trusted key, from the
 * trusted issuer, for our audience and within its validity, verifies to its subject with its name
 * hints; every other token is refused with the documented failure. Tokens are OIDC access tokens
 * in JWS compact form (header.payload.signature), which is how the contract tampers with them.
 *
 * <p>A subclass says how a token with given claims is made, by the trusted key and by a stranger's;
 * the embedded issuer's own tokens are one such source, so this also checks that a token the
 * {@code TokenIssuer} issued for a user verifies to that user.
 */
public abstract class AccessTokenVerifierContract {
    /** What a token says; it is valid from {@code issuedAt} (not before) until {@code expiresAt}. */
    public record Claims(String issuer, String subject, String audience, Instant issuedAt, Instant expiresAt,
                            String preferredUsername, String displayName) {
        public Claims withIssuer(String other) {
            return new Claims(other, subject, audience, issuedAt, expiresAt, preferredUsername, displayName);
        }

        public Claims withAudience(String other) {
            return new Claims(issuer, subject, other, issuedAt, expiresAt, preferredUsername, displayName);
        }

        public Claims validDuring(Instant from, Instant until) {
            return new Claims(issuer, subject, audience, from, until, preferredUsername, displayName);
        }
    }

    /** The adapter under test, trusting {@link #trustedIssuer()}, {@link #audience()} and the trusted key. */
    protected abstract AccessTokenVerifier verifier();

    protected abstract String trustedIssuer();

    protected abstract String audience();

    /** A token with these claims, signed with a key the verifier trusts. */
    protected abstract String signed(Claims claims);

    /** A token with these claims, signed with a key the verifier does not trust (another installation's, an attacker's). */
    protected abstract String signedByAStranger(Claims claims);

    /** Claims the verifier accepts: a new subject, valid for the next ten minutes. */
    protected Claims valid() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return new Claims(trustedIssuer(), "subject-" + UUID.randomUUID(), audience(), now.minusSeconds(1),
                now.plus(Duration.ofMinutes(10)), "alice", "Alice Liddell");
    }

    private void assertRefused(ThrowingCallable verification, TokenFailure expected) {
        assertThatThrownBy(verification)
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }

    /** The token with one character of its signature changed (one in the middle: every one of its bits counts). */
    private static String withSignatureChanged(String token) {
        int signatureStart = token.lastIndexOf('.') + 1;
        int at = signatureStart + (token.length() - signatureStart) / 2;
        char changed = token.charAt(at) == 'A' ? 'B' : 'A';
        return token.substring(0, at) + changed + token.substring(at + 1);
    }

    @Test
    void a_valid_token_verifies_to_its_subject_with_its_name_hints() {
        Claims claims = valid();

        VerifiedToken verified = verifier().verify(signed(claims));

        assertThat(verified.identity()).isEqualTo(new ExternalIdentity(trustedIssuer(), claims.subject()));
        assertThat(verified.preferredUsername()).isEqualTo("alice");
        assertThat(verified.displayName()).isEqualTo("Alice Liddell");
    }

    @Test
    void each_token_speaks_for_its_own_subject() {
        Claims one = valid();
        Claims another = valid();

        assertThat(verifier().verify(signed(one)).identity().subject()).isEqualTo(one.subject());
        assertThat(verifier().verify(signed(another)).identity().subject()).isEqualTo(another.subject());
    }

    @Test
    void no_token_is_refused_as_missing() {
        assertRefused(() -> verifier().verify(null), TokenFailure.MISSING);
        assertRefused(() -> verifier().verify(""), TokenFailure.MISSING);
        assertRefused(() -> verifier().verify("   "), TokenFailure.MISSING);
    }

    @Test
    void what_is_no_token_is_refused_as_malformed() {
        assertRefused(() -> verifier().verify("not-a-token-but-maybe-a-password"), TokenFailure.MALFORMED);
        assertRefused(() -> verifier().verify("a.b.c"), TokenFailure.MALFORMED);
    }

    @Test
    void a_token_with_another_payload_under_a_genuine_signature_is_refused() {
        String[] genuine = signed(valid()).split("\\.");
        String otherPayload = signed(valid()).split("\\.")[1];

        assertRefused(() -> verifier().verify(genuine[0] + "." + otherPayload + "." + genuine[2]), TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void a_token_with_a_changed_signature_is_refused() {
        String tampered = withSignatureChanged(signed(valid()));

        assertRefused(() -> verifier().verify(tampered), TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void a_token_signed_by_a_stranger_is_refused() {
        assertRefused(() -> verifier().verify(signedByAStranger(valid())), TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void an_expired_token_is_refused_as_expired() {
        Instant twoHoursAgo = Instant.now().minus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        String expired = signed(valid().validDuring(twoHoursAgo, twoHoursAgo.plus(Duration.ofHours(1))));

        assertRefused(() -> verifier().verify(expired), TokenFailure.EXPIRED);
    }

    @Test
    void a_token_not_valid_yet_is_refused_as_expired() {
        Instant inAnHour = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String early = signed(valid().validDuring(inAnHour, inAnHour.plus(Duration.ofHours(1))));

        assertRefused(() -> verifier().verify(early), TokenFailure.EXPIRED);
    }

    @Test
    void a_token_for_another_audience_is_refused() {
        String forSomeoneElse = signed(valid().withAudience("another-service"));

        assertRefused(() -> verifier().verify(forSomeoneElse), TokenFailure.WRONG_AUDIENCE);
    }

    @Test
    void a_token_from_another_issuer_is_refused_even_with_a_trusted_key() {
        String fromElsewhere = signed(valid().withIssuer("https://another-provider.example"));

        assertRefused(() -> verifier().verify(fromElsewhere), TokenFailure.WRONG_ISSUER);
    }
}
