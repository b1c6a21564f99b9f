package dev.chat.adapter.out.identity;

import dev.chat.domain.user.IssuedToken;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.chat.application.port.TokenIssuer;
import dev.chat.domain.user.User;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.UUID;

/**
 * The embedded default's own token issuer: signs access tokens with a key kept in the data folder,
 * for users who signed up here with a password.
 */
@Singleton
@Requires(property = "chat.auth.embedded-issuer.enabled", notEquals = "false")
public final class EmbeddedTokenIssuer implements TokenIssuer {
    private final String issuer;
    private final String audience;
    private final Duration tokenTtl;
    private final Clock clock;
    private final JWK signingKey;
    private final JWSHeader header;
    private final JWSSigner signer;
    private final JWKSet publicKeys;
    private final String publicKeysJson;

    @Inject
    public EmbeddedTokenIssuer(AuthSettings settings, @Value("${chat.data-dir:./data}") String dataDir) {
        this(settings, SigningKeyFile.inDataDir(Path.of(dataDir)), Clock.systemUTC());
    }

    EmbeddedTokenIssuer(AuthSettings settings, SigningKeyFile keyFile, Clock clock) {
        this.issuer = settings.issuer();
        this.audience = settings.audience();
        this.tokenTtl = settings.tokenTtl();
        this.clock = clock;
        this.signingKey = keyFile.loadOrCreate();
        JWSAlgorithm algorithm = algorithmOf(signingKey);
        // "JWT" rather than RFC 9068's "at+jwt": every verifier accepts it, and these tokens go nowhere else
        this.header = new JWSHeader.Builder(algorithm).keyID(signingKey.getKeyID()).type(JOSEObjectType.JWT).build();
        try {
            this.signer = new DefaultJWSSignerFactory().createJWSSigner(signingKey, algorithm);
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key in " + keyFile.path() + " cannot sign " + algorithm, e);
        }
        this.publicKeys = new JWKSet(signingKey.toPublicJWK());
        this.publicKeysJson = publicKeys.toString(true);
    }

    @Override
    public String issuer() {
        return issuer;
    }

    @Override
    public IssuedToken issue(User user) {
        if (!issuer.equals(user.identity().issuer())) {
            // a token would name the user under this issuer, where they are someone else (or no one) at all
            throw new IllegalArgumentException("user " + user.id() + " is vouched for by " + user.identity().issuer()
                    + ", not by this embedded issuer (" + issuer + ")");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(user.identity().subject())
                .audience(audience)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(tokenTtl)))
                .jwtID(UUID.randomUUID().toString())
                .claim("preferred_username", user.username().value())
                .claim("name", user.displayName())
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign an access token", e);
        }
        return new IssuedToken(jwt.serialize(), tokenTtl);
    }

    @Override
    public String publicJwkSetJson() {
        return publicKeysJson;
    }

    /** The public keys, for verifying this issuer's tokens in-process. */
    JWKSet publicKeys() {
        return publicKeys;
    }

    String keyId() {
        return signingKey.getKeyID();
    }

    private static JWSAlgorithm algorithmOf(JWK key) {
        if (!KeyType.RSA.equals(key.getKeyType()) && !KeyType.EC.equals(key.getKeyType())) {
            // a shared secret would let every verifier mint tokens too
            throw new IllegalStateException("the signing key must be an RSA or EC key, not " + key.getKeyType());
        }
        if (key.getAlgorithm() != null) {
            return JWSAlgorithm.parse(key.getAlgorithm().getName());
        }
        if (KeyType.RSA.equals(key.getKeyType())) {
            return JWSAlgorithm.RS256;
        }
        Curve curve = ((ECKey) key).getCurve();
        if (Curve.P_384.equals(curve)) {
            return JWSAlgorithm.ES384;
        }
        return Curve.P_521.equals(curve) ? JWSAlgorithm.ES512 : JWSAlgorithm.ES256;
    }
}
