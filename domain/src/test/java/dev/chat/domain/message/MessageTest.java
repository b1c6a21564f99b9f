package dev.chat.domain.message;

import dev.chat.domain.Rejection;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.device.DeviceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static dev.chat.domain.People.ALICE;
import static dev.chat.domain.People.BOB;
import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** A stored message sits in its chat at a position after START, with everything that says where it came from. */
class MessageTest {
    private static final MessageId ID = new MessageId(UUID.fromString("00000000-0000-4000-8000-0000000000aa"));
    private static final DeviceId ALICES_PHONE = new DeviceId("alice-phone");
    private static final Instant NOON = Instant.parse("2025-06-01T12:00:00Z");

    @Test
    void aMessageIsStoredAtAPositionAfterTheStart() {
        Message message = messageAt(new Position(1));

        assertThat(message.position()).isEqualTo(new Position(1));
        assertThat(message.sender()).isEqualTo(ALICE);
    }

    @Test
    void noMessageIsStoredAtTheStart() {
        assertThat(refusalOf(() -> messageAt(Position.START))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Test
    void aMessageNeedsItsBody() {
        assertThat(refusalOf(() -> new Message(ID, DirectChat.idFor(ALICE, BOB), new Position(1), ALICE,
                ALICES_PHONE, new ClientMessageId("c1"), null, NOON))).isEqualTo(Rejection.INVALID_INPUT);
    }

    private static Message messageAt(Position position) {
        return new Message(ID, DirectChat.idFor(ALICE, BOB), position, ALICE, ALICES_PHONE,
                new ClientMessageId("c1"), new MessageBody("hello"), NOON);
    }
}
