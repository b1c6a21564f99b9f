package dev.chat.domain.user;

import dev.chat.domain.Require;

import java.util.Locale;
import java.util.regex.Pattern;

/** A unique, human-chosen handle: 3 to 32 of a-z, 0-9, '.', '_' and '-', stored in lower case. */
public record Username(String value) {
    private static final Pattern SHAPE = Pattern.compile("[a-z0-9._-]{3,32}");

    public Username {
        Require.present(value, "username");
        value = value.toLowerCase(Locale.ROOT);
        Require.that(SHAPE.matcher(value).matches(),
                "username must be 3 to 32 characters of a-z, 0-9, '.', '_' or '-'");
    }

    @Override
    public String toString() {
        return value;
    }
}
