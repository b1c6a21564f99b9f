package dev.chat.application.port;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.ExternalIdentity;

/**
 * Outbound port: checks an access token with the identity provider (signature against its keys,
 * issuer, audience, expiry) and says whom it vouches for.
 */
public interface AccessTokenVerifier {
    /** Whom a valid token speaks for, with the name hints the provider gave. */
    record VerifiedToken(ExternalIdentity identity, String preferredUsername, String displayName) {
    }

    VerifiedToken verify(String token) throws InvalidTokenException;
}
