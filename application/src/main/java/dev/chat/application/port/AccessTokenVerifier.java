package dev.chat.application.port;

import dev.chat.domain.user.ExternalIdentity;

/**
 * Outbound port: checks an access token with the identity provider (signature against its keys,
 * issuer, audience, expiry) and says whom it vouches for.
 */
public interface AccessTokenVerifier {
    /** Whom a valid token speaks for, with the name hints the provider gave. */
    record VerifiedToken(ExternalIdentity identity, String preferredUsername, String displayName) {
    }

    /** Why a token was refused; the codes are part of the documented protocol. */
    enum Failure {
        MISSING("token_missing"),
        MALFORMED("token_malformed"),
        BAD_SIGNATURE("token_signature_invalid"),
        EXPIRED("token_expired"),
        WRONG_ISSUER("token_issuer_invalid"),
        WRONG_AUDIENCE("token_audience_invalid"),
        UNAVAILABLE("token_keys_unavailable");

        private final String code;

        Failure(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    final class InvalidTokenException extends RuntimeException {
        private final Failure failure;

        public InvalidTokenException(Failure failure, String message) {
            super(message, null, false, false);
            this.failure = failure;
        }

        public Failure failure() {
            return failure;
        }
    }

    VerifiedToken verify(String token) throws InvalidTokenException;
}
