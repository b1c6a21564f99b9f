package dev.chat.domain.device;

import dev.chat.domain.Rejection;
import dev.chat.domain.Tokens;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import static dev.chat.domain.People.ALICE;
import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** A device's id, chosen by its client: 1 to 64 of letters, digits and {@code . _ - :}. */
class DeviceIdTest {

    @Test
    void aDeviceIdIsOneToSixtyFourCharacters() {
        assertThat(new DeviceId("d").value()).isEqualTo("d");
        assertThat(new DeviceId("d".repeat(64)).value()).hasSize(64);
        assertThat(refusalOf(() -> new DeviceId(""))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new DeviceId("d".repeat(65)))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new DeviceId(null))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aDeviceIdWithSpacesOrSlashesIsRefused() {
        assertThat(refusalOf(() -> new DeviceId("alice phone"))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new DeviceId("../phone"))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aDeviceBelongsToAUser() {
        Device phone = new Device(ALICE, new DeviceId("alice-phone"));

        assertThat(phone.user()).isEqualTo(ALICE);
        assertThat(refusalOf(() -> new Device(null, new DeviceId("alice-phone")))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new Device(ALICE, null))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Property
    void anyTokenOfAllowedCharactersIsADeviceId(@ForAll("tokens") String token) {
        assertThat(new DeviceId(token)).hasToString(token);
    }

    @Property
    void aTokenWithAnyOtherCharacterIsRefused(@ForAll("tokensWithAForeignCharacter") String token) {
        assertThat(refusalOf(() -> new DeviceId(token))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Provide
    Arbitrary<String> tokens() {
        return Tokens.wellFormed(DeviceId.MAX_LENGTH);
    }

    @Provide
    Arbitrary<String> tokensWithAForeignCharacter() {
        return Tokens.withAForeignCharacter(DeviceId.MAX_LENGTH);
    }
}
