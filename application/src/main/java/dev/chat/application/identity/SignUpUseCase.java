package dev.chat.application.identity;

import dev.chat.domain.user.User;

/** Inbound port: creating an account with a password on the embedded token issuer. */
public interface SignUpUseCase {
    User signUp(String username, String password, String displayName);
}
