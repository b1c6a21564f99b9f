package dev.chat.domain.message;

import dev.chat.domain.Rejection;
import dev.chat.domain.Tokens;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** The id a client gives its message: 1 to 64 of letters, digits and {@code . _ - :}. */
class ClientMessageIdTest {

    @Test
    void aClientMessageIdIsOneToSixtyFourCharacters() {
        assertThat(new ClientMessageId("a").value()).isEqualTo("a");
        assertThat(new ClientMessageId("m".repeat(64)).value()).hasSize(64);
        assertThat(refusalOf(() -> new ClientMessageId(""))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new ClientMessageId("m".repeat(65)))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new ClientMessageId(null))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aClientMessageIdIsKeptAsTheClientWroteIt() {
        assertThat(new ClientMessageId("Phone-1:msg_00.42")).hasToString("Phone-1:msg_00.42");
    }

    @Property
    void anyTokenOfAllowedCharactersIsAClientMessageId(@ForAll("tokens") String token) {
        assertThat(new ClientMessageId(token).value()).isEqualTo(token);
    }

    @Property
    void aTokenWithAnyOtherCharacterIsRefused(@ForAll("tokensWithAForeignCharacter") String token) {
        assertThat(refusalOf(() -> new ClientMessageId(token))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Tokens.wellFormed(ClientMessageId.MAX_LENGTH);
    }

    @Provide
    Arbitrary<String> tokensWithAForeignCharacter() {
        return Tokens.withAForeignCharacter(ClientMessageId.MAX_LENGTH);
    }
}
