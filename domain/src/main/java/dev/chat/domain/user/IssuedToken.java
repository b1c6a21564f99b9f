package dev.chat.domain.user;

import java.time.Duration;

/** An access token handed to a user who logged in here, and how long it is valid. */
public record IssuedToken(String accessToken, Duration expiresIn) {
    @Override
    public String toString() {
        return "IssuedToken[expiresIn=" + expiresIn + "]";
    }
}
