package dev.chat.application.identity;

import dev.chat.domain.user.IssuedToken;
import dev.chat.application.port.TokenIssuer;

/** Inbound port: exchanging a username and password for an access token from the embedded issuer. */
public interface LogInUseCase {
    IssuedToken logIn(String username, String password);
}
