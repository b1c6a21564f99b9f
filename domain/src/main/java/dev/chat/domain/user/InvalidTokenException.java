package dev.chat.domain.user;

/** An access token was refused; the failure says why, with a stable code. */
public final class InvalidTokenException extends RuntimeException {
    private final TokenFailure failure;

    public InvalidTokenException(TokenFailure failure, String message) {
        super(message, null, false, false);
        this.failure = failure;
    }

    public TokenFailure failure() {
        return failure;
    }
}
