package dev.chat.domain.device;

import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.message.Position;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.chat.domain.People.ALICE;
import static dev.chat.domain.People.BOB;
import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** How far a device has read a chat: an offset only moves forward. */
class DeviceOffsetTest {
    private static final Device ALICES_PHONE = new Device(ALICE, new DeviceId("alice-phone"));
    private static final ChatId ALICE_AND_BOB = DirectChat.idFor(ALICE, BOB);

    @Test
    void anAcknowledgementOfALaterPositionMovesTheOffset() {
        DeviceOffset read = offsetAt(5).advanceTo(new Position(9));

        assertThat(read.position()).isEqualTo(new Position(9));
        assertThat(read.device()).isEqualTo(ALICES_PHONE);
        assertThat(read.chatId()).isEqualTo(ALICE_AND_BOB);
    }

    @Test
    void aLateAcknowledgementOfAnOlderPositionChangesNothing() {
        DeviceOffset offset = offsetAt(9);

        assertThat(offset.advanceTo(new Position(5))).isSameAs(offset);
        assertThat(offset.advanceTo(new Position(9))).isSameAs(offset);
    }

    @Test
    void anOffsetNeedsADeviceAChatAndAPosition() {
        assertThat(refusalOf(() -> new DeviceOffset(null, ALICE_AND_BOB, Position.START)))
                .isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new DeviceOffset(ALICES_PHONE, null, Position.START)))
                .isEqualTo(Rejection.INVALID_INPUT);
        assertThat(refusalOf(() -> new DeviceOffset(ALICES_PHONE, ALICE_AND_BOB, null)))
                .isEqualTo(Rejection.INVALID_INPUT);
    }

    @Property
    void acknowledgementsInAnyOrderNeverMoveTheOffsetBack(
            @ForAll @LongRange(max = 1_000) long start,
            @ForAll @Size(max = 30) List<@LongRange(max = 1_000) Long> acknowledgements) {
        DeviceOffset offset = offsetAt(start);
        long furthest = start;

        for (long acknowledged : acknowledgements) {
            DeviceOffset next = offset.advanceTo(new Position(acknowledged));
            assertThat(next.position()).isGreaterThanOrEqualTo(offset.position());
            offset = next;
            furthest = Math.max(furthest, acknowledged);
        }

        // the offset ends at the furthest position ever acknowledged, whatever order the acknowledgements came in
        assertThat(offset.position().value()).isEqualTo(furthest);
    }

    private static DeviceOffset offsetAt(long position) {
        return new DeviceOffset(ALICES_PHONE, ALICE_AND_BOB, new Position(position));
    }
}
