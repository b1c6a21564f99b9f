package dev.chat.domain;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Rejection codes go on the wire: clients rely on them, so they are distinct and in one stable shape. */
class RejectionTest {

    @Test
    void everyRejectionHasItsOwnCode() {
        assertThat(Arrays.stream(Rejection.values()).map(Rejection::code)).doesNotHaveDuplicates();
    }

    @Test
    void aCodeIsTheConstantsNameInLowerSnakeCase() {
        for (Rejection rejection : Rejection.values()) {
            assertThat(rejection.code()).matches("[a-z]+(_[a-z]+)*")
                    .isEqualTo(rejection.name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    @Test
    void aRejectedExceptionNamesTheRuleThatRefused() {
        RejectedException refused = RejectedException.of(Rejection.GROUP_FULL, "a group may have at most 2 members");

        assertThat(refused.rejection()).isEqualTo(Rejection.GROUP_FULL);
        assertThat(refused).hasMessage("a group may have at most 2 members");
    }

    @Test
    void aMissingArgumentIsInvalidInput() {
        assertThat(Refusals.refusalOf(() -> Require.present(null, "chat id"))).isEqualTo(Rejection.INVALID_INPUT);
    }
}
