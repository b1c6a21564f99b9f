package dev.chat.application.identity;

import dev.chat.domain.Require;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

/** The authenticated user on whose behalf a use case runs. */
public record Caller(UserId user, Username username) {
    public Caller {
        Require.present(user, "user");
        Require.present(username, "username");
    }
}
