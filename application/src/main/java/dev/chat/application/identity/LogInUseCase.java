package dev.chat.application.identity;

import dev.chat.application.port.TokenIssuer;

/** Inbound port: exchanging a username and password for an access token from the embedded issuer. */
public interface LogInUseCase {
    TokenIssuer.IssuedToken logIn(String username, String password);
}
