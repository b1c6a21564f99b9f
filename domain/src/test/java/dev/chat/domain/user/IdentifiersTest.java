package dev.chat.domain.user;

import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.MessageId;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** User, chat and message ids are UUIDs; parsed from outside input, junk is a rejection, not a crash. */
class IdentifiersTest {

    @Property
    void anIdReadsBackFromItsOwnText(@ForAll long high, @ForAll long low) {
        UUID uuid = new UUID(high, low);

        assertThat(UserId.parse(uuid.toString())).isEqualTo(new UserId(uuid));
        assertThat(ChatId.parse(uuid.toString())).isEqualTo(new ChatId(uuid));
        assertThat(MessageId.parse(uuid.toString())).isEqualTo(new MessageId(uuid));
    }

    @Property
    void anyTextThatIsNotAUuidIsInvalidInput(@ForAll String junk) {
        Assume.that(!junk.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"));

        assertThat(refusalOf(() -> UserId.parse(junk))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> ChatId.parse(junk))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> MessageId.parse(junk))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aMalformedUuidOfTheRightLengthIsInvalidInput() {
        assertThat(refusalOf(() -> UserId.parse("zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz"))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> UserId.parse(null))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void anIdIsWrittenAsItsUuid() {
        UUID uuid = UUID.fromString("3f1c2a9e-0000-4000-8000-00000000002a");

        assertThat(new UserId(uuid)).hasToString(uuid.toString());
        assertThat(new ChatId(uuid)).hasToString(uuid.toString());
        assertThat(new MessageId(uuid)).hasToString(uuid.toString());
    }

    @Test
    void anIdNeedsAValue() {
        assertThat(refusalOf(() -> new UserId(null))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new ChatId(null))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new MessageId(null))).isEqualTo(Rejection.INVALID_INPUT);
    }
}
