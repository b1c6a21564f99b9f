package dev.chat.domain.chat;

import dev.chat.domain.Require;

/** A group's display name: 1 to 100 characters, no control characters, trimmed. */
public record GroupName(String value) {
    public static final int MAX_LENGTH = 100;

    public GroupName {
        Require.present(value, "group name");
        value = value.strip();
        Require.that(!value.isEmpty() && value.length() <= MAX_LENGTH,
                "group name must be 1 to " + MAX_LENGTH + " characters");
        Require.that(value.chars().noneMatch(Character::isISOControl) && Require.wellFormedUtf16(value),
                "group name must not contain control characters");
    }

    @Override
    public String toString() {
        return value;
    }
}
