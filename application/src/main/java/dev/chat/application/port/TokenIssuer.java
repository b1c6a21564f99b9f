package dev.chat.application.port;

import dev.chat.domain.user.IssuedToken;
import dev.chat.domain.user.User;

import java.time.Duration;

/** Outbound port: the embedded default's own token issuer, for users with a password here. */
public interface TokenIssuer {
    /** The issuer name the tokens carry (and the identities of its users). */
    String issuer();

    IssuedToken issue(User user);

    /** The public signing keys as a JWK Set document (RFC 7517), served at /.well-known/jwks.json. */
    String publicJwkSetJson();
}
