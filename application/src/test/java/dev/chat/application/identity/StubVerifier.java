package dev.chat.application.identity;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.TokenFailure;
import dev.chat.application.port.AccessTokenVerifier;
import dev.chat.domain.user.ExternalIdentity;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's verifier, told in advance whom each token vouches for and which it refuses.
 *
 * <p>It does not run {@code AccessTokenVerifierContract}: it checks no signature, issuer, audience
 * or expiry, it answers what each specification scripted. Running the contract against it would
 * only test the script (and a tampered token, being unknown to it, is refused as malformed rather
 * than as a bad signature). The contract runs against the real verifier instead.
 */
final class StubVerifier implements AccessTokenVerifier {
    private final Map<String, VerifiedToken> vouched = new HashMap<>();
    private final Map<String, TokenFailure> refused = new HashMap<>();
    private final AtomicInteger asked = new AtomicInteger();

    /** The token speaks for this subject of this issuer, with these name hints (either may be null). */
    StubVerifier vouches(String token, String issuer, String subject, String preferredUsername, String displayName) {
        vouched.put(token, new VerifiedToken(new ExternalIdentity(issuer, subject), preferredUsername, displayName));
        return this;
    }

    StubVerifier refuses(String token, TokenFailure failure) {
        refused.put(token, failure);
        return this;
    }

    /** How many tokens it was asked to verify. */
    int asked() {
        return asked.get();
    }

    @Override
    public VerifiedToken verify(String token) {
        asked.incrementAndGet();
        TokenFailure failure = refused.get(token);
        if (failure != null) {
            throw new InvalidTokenException(failure, "refused: " + failure);
        }
        VerifiedToken verified = vouched.get(token);
        if (verified == null) {
            throw new InvalidTokenException(TokenFailure.MALFORMED, "not a token this provider issued");
        }
        return verified;
    }
}
