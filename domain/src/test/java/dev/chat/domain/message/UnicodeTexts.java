package dev.chat.domain.message;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.List;

/**
 * Generators of text for the body specifications: well-formed strings mixing code points of every
 * UTF-8 length (1 to 4 bytes), and strings spoilt by one unpaired surrogate.
 */
final class UnicodeTexts {
    private UnicodeTexts() {
    }

    /** Code points, weighted so that every UTF-8 length class appears often. */
    static Arbitrary<Integer> codePoints() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.integers().between(0x20, 0x7F)),
                Tuple.of(1, Arbitraries.integers().between(0x01, 0x1F)),
                Tuple.of(2, Arbitraries.integers().between(0x80, 0x7FF)),
                Tuple.of(2, Arbitraries.integers().between(0x800, Character.MIN_SURROGATE - 1)),
                Tuple.of(1, Arbitraries.integers().between(Character.MAX_SURROGATE + 1, 0xFFFF)),
                Tuple.of(2, Arbitraries.integers().between(0x10000, Character.MAX_CODE_POINT)));
    }

    /** Any well-formed text (no unpaired surrogate), possibly empty or blank. */
    static Arbitrary<String> wellFormed(int maxCodePoints) {
        return codePoints().list().ofMaxSize(maxCodePoints).map(UnicodeTexts::fromCodePoints);
    }

    /** Well-formed text that is not blank, so that it is a message body. */
    static Arbitrary<String> wellFormedNonBlank(int maxCodePoints) {
        return wellFormed(maxCodePoints).filter(text -> !text.isBlank());
    }

    /** Well-formed text with one lone surrogate put in at a code point boundary: it has no UTF-8 encoding. */
    static Arbitrary<String> withAnUnpairedSurrogate() {
        Arbitrary<Character> lone = Arbitraries.chars().range(Character.MIN_SURROGATE, Character.MAX_SURROGATE);
        return Combinators.combine(wellFormed(20), lone, Arbitraries.integers().between(0, 20))
                .as((text, surrogate, at) -> {
                    int offset = text.offsetByCodePoints(0, Math.min(at, text.codePointCount(0, text.length())));
                    return text.substring(0, offset) + surrogate + text.substring(offset);
                });
    }

    private static String fromCodePoints(List<Integer> codePoints) {
        StringBuilder text = new StringBuilder();
        codePoints.forEach(text::appendCodePoint);
        return text.toString();
    }
}
