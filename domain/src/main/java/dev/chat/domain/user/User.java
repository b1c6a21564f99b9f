package dev.chat.domain.user;

import dev.chat.domain.Require;

/**
 * A person or program that chats. {@code identity} ties the user to the identity provider that
 * vouches for them (issuer and subject of their tokens).
 */
public record User(UserId id, Username username, String displayName, ExternalIdentity identity) {
    public static final int MAX_DISPLAY_NAME = 64;

    public User {
        Require.present(id, "user id");
        Require.present(username, "username");
        Require.present(identity, "identity");
        displayName = displayName == null || displayName.isBlank() ? username.value() : displayName.strip();
        Require.that(displayName.length() <= MAX_DISPLAY_NAME && Require.wellFormedUtf16(displayName),
                "display name must be at most " + MAX_DISPLAY_NAME + " characters");
        Require.that(displayName.chars().noneMatch(Character::isISOControl),
                "display name must not contain control characters");
    }
}
