package dev.chat.adapter.out.identity;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.TokenFailure;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.chat.application.port.AccessTokenVerifier.VerifiedToken;
import dev.chat.domain.user.ExternalIdentity;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import static dev.chat.adapter.out.identity.TestKeys.ATTACKER_RSA;
import static dev.chat.adapter.out.identity.TestKeys.AUDIENCE;
import static dev.chat.adapter.out.identity.TestKeys.ISSUER;
import static dev.chat.adapter.out.identity.TestKeys.PROVIDER_EC;
import static dev.chat.adapter.out.identity.TestKeys.PROVIDER_RSA;
import static dev.chat.adapter.out.identity.TestKeys.ROTATED_RSA;
import static dev.chat.adapter.out.identity.TestKeys.claims;
import static dev.chat.adapter.out.identity.TestKeys.signed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier against a real JWKS endpoint over HTTP, as with Okta, Keycloak or Auth0. */
class JwtAccessTokenVerifierTest {
    private JwksServer provider;
    private JwtAccessTokenVerifier verifier;

    @BeforeEach
    void start() {
        provider = JwksServer.publishing(PROVIDER_RSA, PROVIDER_EC);
        verifier = remoteVerifier(provider.uri());
    }

    @AfterEach
    void stop() {
        verifier.close();
        provider.close();
    }

    private static JwtAccessTokenVerifier remoteVerifier(String jwksUri) {
        AuthSettings settings = new AuthSettings(ISSUER, AUDIENCE, jwksUri, Duration.ofHours(1), Duration.ofSeconds(30), 4);
        return new JwtAccessTokenVerifier(settings, Optional.empty());
    }

    private static void assertRefused(ThrowingCallable verification, TokenFailure expected) {
        assertThatThrownBy(verification)
                .isInstanceOfSatisfying(InvalidTokenException.class, e -> assertThat(e.failure()).isEqualTo(expected));
    }

    @Test
    void acceptsAValidRsaTokenAndSaysWhomItVouchesFor() {
        VerifiedToken verified = verifier.verify(signed(PROVIDER_RSA, claims().build()));

        assertThat(verified.identity()).isEqualTo(new ExternalIdentity(ISSUER, "00u1a2b3c4"));
        assertThat(verified.preferredUsername()).isEqualTo("alice");
        assertThat(verified.displayName()).isEqualTo("Alice Liddell");
    }

    @Test
    void acceptsAValidEcToken() {
        assertThat(verifier.verify(signed(PROVIDER_EC, claims().build())).identity().subject()).isEqualTo("00u1a2b3c4");
    }

    @Test
    void acceptsRsaPssSignaturesWithTheSameKey() {
        String pss = signed(PROVIDER_RSA, new JWSHeader.Builder(JWSAlgorithm.PS256).keyID(PROVIDER_RSA.getKeyID())
                .build(), claims().build());

        assertThat(verifier.verify(pss).preferredUsername()).isEqualTo("alice");
    }

    @Test
    void acceptsAnAudienceListThatContainsOursAndTokensWithoutNameHints() {
        JWTClaimsSet claims = claims().audience(List.of("api://other", AUDIENCE))
                .claim("preferred_username", null).claim("name", null).build();

        VerifiedToken verified = verifier.verify(signed(PROVIDER_RSA, claims));

        assertThat(verified.preferredUsername()).isNull();
        assertThat(verified.displayName()).isNull();
    }

    @Test
    void acceptsRfc9068AccessTokenTypeAndTokensWithoutType() {
        String atJwt = signed(PROVIDER_RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(PROVIDER_RSA.getKeyID())
                .type(new JOSEObjectType("at+jwt")).build(), claims().build());
        String untyped = signed(PROVIDER_RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(PROVIDER_RSA.getKeyID())
                .build(), claims().build());

        assertThat(verifier.verify(atJwt).identity().issuer()).isEqualTo(ISSUER);
        assertThat(verifier.verify(untyped).identity().issuer()).isEqualTo(ISSUER);
    }

    @Test
    void warmKeyCacheMeansNoRequestPerVerification() {
        String token = signed(PROVIDER_RSA, claims().build());

        for (int i = 0; i < 200; i++) {
            verifier.verify(token);
        }

        assertThat(provider.requests()).isEqualTo(1);
    }

    @Test
    void refusesASignatureByAnotherKeyUnderTheSameKid() {
        String forged = signed(ATTACKER_RSA, claims().build());

        assertRefused(() -> verifier.verify(forged), TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void refusesATamperedPayload() {
        String genuine = signed(PROVIDER_RSA, claims().build());
        String[] parts = genuine.split("\\.");
        String otherPayload = signed(PROVIDER_RSA, claims().subject("someone-else").build()).split("\\.")[1];

        assertRefused(() -> verifier.verify(parts[0] + "." + otherPayload + "." + parts[2]), TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void refusesAnExpiredToken() {
        Instant past = Instant.now().minus(Duration.ofHours(2));
        String expired = signed(PROVIDER_RSA, claims().issueTime(Date.from(past)).notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plus(Duration.ofHours(1)))).build());

        assertRefused(() -> verifier.verify(expired), TokenFailure.EXPIRED);
    }

    @Test
    void toleratesTheClockSkewButNoMore() {
        Instant now = Instant.now();
        String justExpired = signed(PROVIDER_RSA, claims().expirationTime(Date.from(now.minusSeconds(10))).build());
        String longExpired = signed(PROVIDER_RSA, claims().expirationTime(Date.from(now.minusSeconds(60))).build());
        String almostValid = signed(PROVIDER_RSA, claims().notBeforeTime(Date.from(now.plusSeconds(10))).build());
        String notYetValid = signed(PROVIDER_RSA, claims().notBeforeTime(Date.from(now.plusSeconds(120))).build());

        assertThat(verifier.verify(justExpired)).isNotNull();
        assertThat(verifier.verify(almostValid)).isNotNull();
        assertRefused(() -> verifier.verify(longExpired), TokenFailure.EXPIRED);
        assertRefused(() -> verifier.verify(notYetValid), TokenFailure.EXPIRED);
    }

    @Test
    void refusesATokenForAnotherAudience() {
        String elsewhere = signed(PROVIDER_RSA, claims().audience("billing").build());
        String noAudience = signed(PROVIDER_RSA, claims().audience((String) null).build());

        assertRefused(() -> verifier.verify(elsewhere), TokenFailure.WRONG_AUDIENCE);
        assertRefused(() -> verifier.verify(noAudience), TokenFailure.WRONG_AUDIENCE);
    }

    @Test
    void refusesATokenFromAnotherIssuer() {
        String otherIssuer = signed(PROVIDER_RSA, claims().issuer("https://evil.example.test").build());
        String trailingSlash = signed(PROVIDER_RSA, claims().issuer(ISSUER + "/").build());

        assertRefused(() -> verifier.verify(otherIssuer), TokenFailure.WRONG_ISSUER);
        assertRefused(() -> verifier.verify(trailingSlash), TokenFailure.WRONG_ISSUER);
    }

    @Test
    void refusesTokensWithoutExpiryOrSubject() {
        String noExpiry = signed(PROVIDER_RSA, claims().expirationTime(null).build());
        String noSubject = signed(PROVIDER_RSA, claims().subject(null).build());

        assertRefused(() -> verifier.verify(noExpiry), TokenFailure.MALFORMED);
        assertRefused(() -> verifier.verify(noSubject), TokenFailure.MALFORMED);
    }

    @Test
    void refusesMalformedStrings() {
        String valid = signed(PROVIDER_RSA, claims().build());
        for (String garbage : List.of("not-a-token", "a.b.c", "...", "eyJhbGciOiJSUzI1NiJ9", "Bearer " + valid,
                valid.substring(0, valid.lastIndexOf('.')), "eyJ" + "A".repeat(20_000))) {
            assertRefused(() -> verifier.verify(garbage), TokenFailure.MALFORMED);
        }
        assertRefused(() -> verifier.verify(""), TokenFailure.MISSING);
        assertRefused(() -> verifier.verify(null), TokenFailure.MISSING);
    }

    @Test
    void refusesAPayloadThatIsNotJson() {
        String valid = signed(PROVIDER_RSA, claims().build());
        String[] parts = valid.split("\\.");
        String notJson = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("[1,2]".getBytes());

        assertRefused(() -> verifier.verify(parts[0] + "." + notJson + "." + parts[2]), TokenFailure.MALFORMED);
    }

    @Test
    void refusesAnotherTokenType() {
        String idToken = signed(PROVIDER_RSA, new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(PROVIDER_RSA.getKeyID())
                .type(new JOSEObjectType("logout+jwt")).build(), claims().build());

        assertRefused(() -> verifier.verify(idToken), TokenFailure.MALFORMED);
    }

    @Test
    void refusesAnUnsignedTokenWithAlgNone() {
        String unsigned = TestKeys.unsigned(claims().build());

        assertThat(unsigned).endsWith(".");
        assertRefused(() -> verifier.verify(unsigned), TokenFailure.BAD_SIGNATURE);
    }

    @Test
    void refusesHs256EvenKeyedWithTheProvidersPublicKeyAndDoesNotAskTheProvider() {
        String confused = TestKeys.hs256WithPublicKeyAsSecret(PROVIDER_RSA, claims().build());

        assertRefused(() -> verifier.verify(confused), TokenFailure.BAD_SIGNATURE);
        assertThat(provider.requests()).isZero();
    }

    @Test
    void refusesAKidTheProviderDoesNotPublish() {
        verifier.verify(signed(PROVIDER_RSA, claims().build()));
        String unknownKid = signed(TestKeys.rsa("never-published"), claims().build());

        assertRefused(() -> verifier.verify(unknownKid), TokenFailure.BAD_SIGNATURE);
        // once the refresh budget is spent, an unknown kid is still a bad signature, not an outage
        assertRefused(() -> verifier.verify(unknownKid), TokenFailure.BAD_SIGNATURE);
        assertRefused(() -> verifier.verify(unknownKid), TokenFailure.BAD_SIGNATURE);
        assertThat(provider.requests()).isLessThanOrEqualTo(3);
    }

    @Test
    void picksUpARotatedKeyWhenATokenNamesIt() {
        assertThat(verifier.verify(signed(PROVIDER_RSA, claims().build()))).isNotNull();
        provider.publish(ROTATED_RSA, PROVIDER_RSA);

        VerifiedToken rotated = verifier.verify(signed(ROTATED_RSA, claims().build()));

        assertThat(rotated.identity().subject()).isEqualTo("00u1a2b3c4");
        assertThat(verifier.verify(signed(PROVIDER_RSA, claims().build()))).isNotNull();
        assertThat(provider.requests()).isEqualTo(2);
    }

    @Test
    void saysUnavailableWhenTheEndpointIsDown() {
        String uri = provider.uri();
        provider.close();
        verifier.close();
        verifier = remoteVerifier(uri);
        String token = signed(PROVIDER_RSA, claims().build());

        // the third attempt meets the rate limit, and is still an outage rather than a bad token
        for (int attempt = 0; attempt < 3; attempt++) {
            assertRefused(() -> verifier.verify(token), TokenFailure.UNAVAILABLE);
        }
    }

    @Test
    void saysUnavailableWhenTheEndpointFails() {
        provider.failWith(503);

        assertRefused(() -> verifier.verify(signed(PROVIDER_RSA, claims().build())), TokenFailure.UNAVAILABLE);
        assertThat(provider.requests()).isEqualTo(2);
    }

    @Test
    void refusesAJwksUriThatIsNotHttp() {
        assertThatThrownBy(() -> remoteVerifier("file:///etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("chat.auth.jwks-uri");
    }
}
