package dev.chat.domain.user;

import dev.chat.domain.Require;

import java.util.Locale;
import java.util.regex.Pattern;

/** A unique, human-chosen handle: 3 to 32 of a-z, 0-9, '.', '_' and '-', stored in lower case. */
public record Username(String value) {
    // checked before lower-casing: Unicode case mapping turns some non-ASCII letters into ASCII
    // ones (KELVIN SIGN U+212A becomes 'k'), which would let a look-alike handle through
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9._-]{3,32}");

    public Username {
        Require.present(value, "username");
        Require.that(SHAPE.matcher(value).matches(),
                "username must be 3 to 32 characters of a-z, 0-9, '.', '_' or '-'");
        value = value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return value;
    }
}
