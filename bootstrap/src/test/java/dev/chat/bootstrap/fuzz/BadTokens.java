package dev.chat.bootstrap.fuzz;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;

/**
 * Tokens an attacker would try, for the Authorization header: forged with a key of their own
 * under the server's key id, unsigned ({@code alg: none}), signed with a shared secret, another
 * user's claims under the fuzzer's signature, cut short, and not JWTs at all.
 */
final class BadTokens {
    private BadTokens() {
    }

    static List<String> against(FuzzServer server, FuzzUser victim, FuzzUser other) {
        try {
            String kid = JWKSet.parse(server.http().get("/.well-known/jwks.json", null).body()).getKeys().get(0).getKeyID();
            SignedJWT real = SignedJWT.parse(victim.token());
            RSAKey attacker = new RSAKeyGenerator(2048).keyID(kid).generate();
            SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(kid).build(), real.getJWTClaimsSet());
            forged.sign(new RSASSASigner(attacker));
            byte[] secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            SignedJWT shared = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), real.getJWTClaimsSet());
            shared.sign(new MACSigner(secret));
            String[] parts = victim.token().split("\\.");
            String[] others = other.token().split("\\.");
            String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
            return List.of(forged.serialize(), shared.serialize(), none + "." + parts[1] + ".",
                    parts[0] + "." + others[1] + "." + parts[2], parts[0] + "." + parts[1] + "." + parts[2].substring(0, 40),
                    parts[0] + "." + parts[1], "not.a.jwt", "e30.e30.e30", "...", "x");
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
