package dev.chat.application.identity;

import dev.chat.domain.user.InvalidTokenException;

/** Inbound port: turns a bearer token into the caller it speaks for, provisioning new users on first sight. */
public interface AuthenticateUseCase {
    /** @throws dev.chat.application.port.InvalidTokenException when the token is refused */
    Caller authenticate(String bearerToken);
}
