package dev.chat.application.identity;

import dev.chat.domain.Require;

/** What a password must be: 8 to 128 characters (bcrypt reads at most 72 bytes of it). */
final class PasswordRules {
    static final int MIN = 8;
    static final int MAX = 128;

    private PasswordRules() {
    }

    static String check(String password) {
        Require.present(password, "password");
        Require.that(password.length() >= MIN && password.length() <= MAX,
                "a password must be " + MIN + " to " + MAX + " characters");
        return password;
    }
}
