package dev.chat.domain.message;

import dev.chat.domain.Require;

/**
 * The id a client gives a message it sends (1 to 64 of letters, digits, {@code . _ - :}).
 * Sending again with the same id never creates a second message.
 */
public record ClientMessageId(String value) {
    public static final int MAX_LENGTH = 64;

    public ClientMessageId {
        Require.token(value, "client message id", MAX_LENGTH);
    }

    @Override
    public String toString() {
        return value;
    }
}
