package dev.chat.adapter.out.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.chat.application.port.AccessTokenVerifier;
import dev.chat.application.port.contract.AccessTokenVerifierContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;

/**
 * The verifier keeps the {@link AccessTokenVerifier} contract with an external provider: keys from
 * its JWKS endpoint over HTTP, tokens signed as the provider signs them; the stranger is an
 * attacker who signs with a key of their own under the provider's kid.
 */
class RemoteKeysVerifierContractTest extends AccessTokenVerifierContract {
    private static JwksServer provider;
    private static JwtAccessTokenVerifier verifier;

    @BeforeAll
    static void startProvider() {
        provider = JwksServer.publishing(TestKeys.PROVIDER_RSA);
        verifier = new JwtAccessTokenVerifier(new AuthSettings(TestKeys.ISSUER, TestKeys.AUDIENCE, provider.uri(),
                Duration.ofHours(1), Duration.ofSeconds(30), 4), Optional.empty());
    }

    @AfterAll
    static void stopProvider() {
        verifier.close();
        provider.close();
    }

    @Override
    protected AccessTokenVerifier verifier() {
        return verifier;
    }

    @Override
    protected String trustedIssuer() {
        return TestKeys.ISSUER;
    }

    @Override
    protected String audience() {
        return TestKeys.AUDIENCE;
    }

    @Override
    protected String signed(Claims claims) {
        return TestKeys.signed(TestKeys.PROVIDER_RSA, claimsSet(claims));
    }

    @Override
    protected String signedByAStranger(Claims claims) {
        JWK attacker = TestKeys.ATTACKER_RSA;
        return TestKeys.signed(attacker, claimsSet(claims));
    }

    private static JWTClaimsSet claimsSet(Claims claims) {
        return new JWTClaimsSet.Builder()
                .issuer(claims.issuer())
                .subject(claims.subject())
                .audience(claims.audience())
                .issueTime(Date.from(claims.issuedAt()))
                .notBeforeTime(Date.from(claims.issuedAt()))
                .expirationTime(Date.from(claims.expiresAt()))
                .jwtID(UUID.randomUUID().toString())
                .claim("preferred_username", claims.preferredUsername())
                .claim("name", claims.displayName())
                .build();
    }
}
