package dev.chat.domain.user;

import dev.chat.domain.Rejection;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Locale;

import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** A username is a handle of 3 to 32 of a-z, 0-9, '.', '_' and '-', kept in lower case. */
class UsernameTest {
    private static final String HANDLE_CHARACTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

    @Test
    void aHandleChosenInMixedCaseIsKeptInLowerCase() {
        assertThat(new Username("Alice.Smith_42").value()).isEqualTo("alice.smith_42");
    }

    @Test
    void twoHandlesThatDifferOnlyInCaseAreTheSameUsername() {
        assertThat(new Username("ALICE")).isEqualTo(new Username("alice"));
    }

    @Test
    void aHandleIsThreeToThirtyTwoCharactersLong() {
        assertThat(new Username("abc").value()).hasSize(3);
        assertThat(new Username("a".repeat(32)).value()).hasSize(32);
        assertThat(refusalOf(() -> new Username("ab"))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new Username("a".repeat(33)))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aLookAlikeThatLowerCasesToAsciiIsRefused() {
        // KELVIN SIGN (U+212A) lower-cases to 'k': accepting it would hand "kevin" to a look-alike
        assertThat(refusalOf(() -> new Username("\u212Aevin"))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aMissingHandleIsInvalidInput() {
        assertThat(refusalOf(() -> new Username(null))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Property
    void anyWellShapedHandleIsAcceptedAndStoredInLowerCase(@ForAll("wellShapedHandles") String handle) {
        Username username = new Username(handle);

        assertThat(username.value())
                .isEqualTo(handle.toLowerCase(Locale.ROOT))
                .matches("[a-z0-9._-]{3,32}");
    }

    @Property
    void aHandleWithAnyOtherCharacterIsRefused(@ForAll("handlesWithAForeignCharacter") String handle) {
        assertThat(refusalOf(() -> new Username(handle))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Provide
    Arbitrary<String> wellShapedHandles() {
        return Arbitraries.strings().withChars(HANDLE_CHARACTERS).ofMinLength(3).ofMaxLength(32);
    }

    @Provide
    Arbitrary<String> handlesWithAForeignCharacter() {
        Arbitrary<Character> foreign = Arbitraries.chars().range(Character.MIN_VALUE, Character.MAX_VALUE)
                .filter(c -> HANDLE_CHARACTERS.indexOf(c) < 0);
        return Combinators.combine(wellShapedHandles(), foreign, Arbitraries.integers().between(0, 31))
                .as((handle, c, at) -> {
                    int position = Math.min(at, handle.length() - 1);
                    // replaces one character, so the length stays within 3 to 32: only the foreign character is wrong
                    return handle.substring(0, position) + c + handle.substring(position + 1);
                });
    }
}
