package dev.chat.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators for the short tokens clients choose as ids (client message ids, device ids). */
public final class Tokens {
    public static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-:";

    private Tokens() {
    }

    public static Arbitrary<String> wellFormed(int maxLength) {
        return Arbitraries.strings().withChars(ALLOWED).ofMinLength(1).ofMaxLength(maxLength);
    }

    /** A token of the right length with one character replaced by one outside the allowed set. */
    public static Arbitrary<String> withAForeignCharacter(int maxLength) {
        Arbitrary<Character> foreign = Arbitraries.chars().range(Character.MIN_VALUE, Character.MAX_VALUE)
                .filter(c -> ALLOWED.indexOf(c) < 0);
        return Combinators.combine(wellFormed(maxLength), foreign, Arbitraries.integers().between(0, maxLength - 1))
                .as((token, c, at) -> {
                    int position = Math.min(at, token.length() - 1);
                    return token.substring(0, position) + c + token.substring(position + 1);
                });
    }
}
