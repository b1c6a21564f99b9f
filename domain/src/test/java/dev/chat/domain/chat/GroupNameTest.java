package dev.chat.domain.chat;

import dev.chat.domain.Rejection;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** A group's name: trimmed, 1 to 100 characters, no control characters. */
class GroupNameTest {

    @Test
    void aNameIsTrimmed() {
        assertThat(new GroupName("  Book club \n").value()).isEqualTo("Book club");
    }

    @Test
    void aNameMayHoldAnyPrintableTextIncludingEmoji() {
        assertThat(new GroupName("Caf\u00E9 \uD83C\uDF75 \u4E2D\u6587").value()).isEqualTo("Caf\u00E9 \uD83C\uDF75 \u4E2D\u6587");
    }

    @Test
    void aNameIsAtMostAHundredCharactersOnceTrimmed() {
        assertThat(new GroupName("n".repeat(100)).value()).hasSize(100);
        assertThat(new GroupName("   " + "n".repeat(100) + "   ").value()).hasSize(100);
        assertThat(refusalOf(() -> new GroupName("n".repeat(101)))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n "})
    void aNameWithNothingButSpaceIsRefused(String blank) {
        assertThat(refusalOf(() -> new GroupName(blank))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aMissingNameIsInvalidInput() {
        assertThat(refusalOf(() -> new GroupName(null))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aNameWithAnUnpairedSurrogateIsRefused() {
        assertThat(refusalOf(() -> new GroupName("Book \uDC00 club"))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aNameIsPrintedAsItsText() {
        assertThat(new GroupName("Book club")).hasToString("Book club");
    }

    @Property
    void aControlCharacterInsideANameIsRefused(@ForAll("controlCharacters") char control) {
        assertThat(refusalOf(() -> new GroupName("Book" + control + "club"))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Property
    void whitespaceAroundANameIsNotPartOfIt(@ForAll("spaces") String before, @ForAll("spaces") String after) {
        assertThat(new GroupName(before + "Book club" + after).value()).isEqualTo("Book club");
    }

    @Provide
    Arbitrary<Character> controlCharacters() {
        return Arbitraries.oneOf(Arbitraries.chars().range('\u0000', '\u001F'), Arbitraries.chars().range('\u007F', '\u009F'));
    }

    @Provide
    Arbitrary<String> spaces() {
        return Arbitraries.strings().withChars(" \t\n\r\u2003\u3000").ofMaxLength(5);
    }
}
