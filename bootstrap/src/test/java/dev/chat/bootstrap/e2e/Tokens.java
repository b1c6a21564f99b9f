package dev.chat.bootstrap.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyType;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/**
 * Crafts bad tokens the way an attacker or a stale client would present them: expired or for
 * another audience (signed with the server's real key, read from its data folder) and forged
 * (signed with a key of the attacker's own, under the real key's id).
 */
final class Tokens {
    private Tokens() {
    }

    static JWK serverKey(RunningServer server) {
        try {
            return JWK.parse(Files.readString(server.dataDir().resolve("identity").resolve("signing-key.jwk")));
        } catch (IOException | ParseException e) {
            throw new AssertionError("the embedded issuer keeps its key in <data-dir>/identity/signing-key.jwk", e);
        }
    }

    static String signed(JWK key, String issuer, String audience, String subject, Instant expiresAt) {
        try {
            JWSAlgorithm algorithm = key.getKeyType() == KeyType.EC ? JWSAlgorithm.ES256 : JWSAlgorithm.RS256;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).keyID(key.getKeyID()).build(),
                    new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                            .issueTime(Date.from(expiresAt.minusSeconds(3600)))
                            .expirationTime(Date.from(expiresAt)).build());
            jwt.sign(new DefaultJWSSignerFactory().createJWSSigner(key, algorithm));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static String forged(JWK realKey, String issuer, String audience, String subject) {
        try {
            JWK attacker = realKey.getKeyType() == KeyType.EC
                    ? new ECKeyGenerator(((ECKey) realKey).getCurve() == null ? Curve.P_256 : ((ECKey) realKey).getCurve())
                    .keyID(realKey.getKeyID()).generate()
                    : new com.nimbusds.jose.jwk.gen.RSAKeyGenerator(2048).keyID(realKey.getKeyID()).generate();
            return signed(attacker, issuer, audience, subject, Instant.now().plusSeconds(600));
        } catch (JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static String subjectOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getSubject();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    static String issuerOf(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet().getIssuer();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }
}
