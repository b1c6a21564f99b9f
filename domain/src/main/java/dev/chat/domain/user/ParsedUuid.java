package dev.chat.domain.user;

import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;

import java.util.UUID;

/** Parses a UUID from outside input, turning junk into a rejection instead of an exception trace. */
public final class ParsedUuid {
    private ParsedUuid() {
    }

    public static UUID parse(String text, String what) {
        if (text == null || text.length() != 36) {
            throw RejectedException.of(Rejection.INVALID_INPUT, what + " must be a UUID");
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw RejectedException.of(Rejection.INVALID_INPUT, what + " must be a UUID");
        }
    }
}
