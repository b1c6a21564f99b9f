package dev.chat.domain.message;

import dev.chat.domain.Rejection;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.chat.domain.Refusals.refusalOf;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/** A message body: some text, valid Unicode, within the policy's limit counted in UTF-8 bytes. */
class MessageBodyTest {

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t\n", "\u2003\u3000"})
    void aBodyWithNoTextIsEmpty(String blank) {
        assertThat(refusalOf(() -> new MessageBody(blank))).isEqualTo(Rejection.BODY_EMPTY);
        assertThat(refusalOf(() -> MessageBody.of(blank, MessagePolicy.DEFAULT))).isEqualTo(Rejection.BODY_EMPTY);
    }

    @Test
    void aBodyWithANulCharacterIsInvalidInputBecauseNoTextStoreHoldsIt() {
        assertThat(refusalOf(() -> new MessageBody("before\u0000after"))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aMissingBodyIsInvalidInput() {
        assertThat(refusalOf(() -> new MessageBody(null))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void theLimitIsCountedInUtf8BytesNotCharacters() {
        // given a limit of 8 bytes
        MessagePolicy eightBytes = new MessagePolicy(8);

        // then two emoji (4 bytes each, 4 chars in all) fit, and a third does not
        assertThat(MessageBody.of("\uD83D\uDE00\uD83D\uDE00", eightBytes).utf8Length()).isEqualTo(8);
        assertThat(refusalOf(() -> MessageBody.of("\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", eightBytes)))
                .isEqualTo(Rejection.BODY_TOO_LARGE);
        // and three 3-byte characters (9 bytes) do not fit though they are only 3 chars
        assertThat(refusalOf(() -> MessageBody.of("\u20AC\u20AC\u20AC", eightBytes)))
                .isEqualTo(Rejection.BODY_TOO_LARGE);
    }

    @Test
    void aBodyExactlyAtTheLimitIsAccepted() {
        assertThat(MessageBody.of("x".repeat(4096), MessagePolicy.DEFAULT).utf8Length()).isEqualTo(4096);
        assertThat(refusalOf(() -> MessageBody.of("x".repeat(4097), MessagePolicy.DEFAULT)))
                .isEqualTo(Rejection.BODY_TOO_LARGE);
    }

    @Test
    void aBodyNeverShowsItsTextWhenPrinted() {
        // logs must not hold what people write to each other
        assertThat(new MessageBody("meet me at noon").toString()).doesNotContain("noon");
    }

    @Test
    void aPolicyAllowsAtLeastOneByte() {
        assertThat(refusalOf(() -> new MessagePolicy(0))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(new MessagePolicy(1).maxBodyBytes()).isEqualTo(1);
    }

    @Property(tries = 2000)
    void theUtf8LengthIsTheLengthOfTheUtf8Encoding(@ForAll("bodies") String text) {
        assertThat(new MessageBody(text).utf8Length()).isEqualTo(text.getBytes(UTF_8).length);
    }

    @Property(tries = 2000)
    void aBodyIsAcceptedExactlyWhenItsEncodingFitsTheLimit(@ForAll("bodies") String text,
                                                           @ForAll @IntRange(min = 1, max = 64) int limit) {
        MessagePolicy policy = new MessagePolicy(limit);

        if (text.getBytes(UTF_8).length <= limit) {
            assertThat(MessageBody.of(text, policy).text()).isEqualTo(text);
        } else {
            assertThat(refusalOf(() -> MessageBody.of(text, policy))).isEqualTo(Rejection.BODY_TOO_LARGE);
        }
    }

    @Property
    void aBodyWithAnUnpairedSurrogateIsRefused(@ForAll("textsWithAnUnpairedSurrogate") String text) {
        assertThat(refusalOf(() -> new MessageBody(text))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Provide
    Arbitrary<String> bodies() {
        return UnicodeTexts.wellFormedNonBlank(30);
    }

    @Provide
    Arbitrary<String> textsWithAnUnpairedSurrogate() {
        return UnicodeTexts.withAnUnpairedSurrogate();
    }
}
