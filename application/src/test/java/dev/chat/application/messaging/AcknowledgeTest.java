package dev.chat.application.messaging;

import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** A device acknowledges that it has a chat's messages up to a position; its offset only moves forward. */
class AcknowledgeTest {
    private static final Device ALICES_PHONE = new Device(ALICE.id(), new DeviceId("phone"));
    private static final Device ALICES_LAPTOP = new Device(ALICE.id(), new DeviceId("laptop"));

    private final Conversation conversation = new Conversation();
    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore();
    private final Acknowledge acknowledge = new Acknowledge(conversation.chats, offsets, conversation.log);
    private final DirectChat aliceAndBob = conversation.has(DirectChat.between(ALICE.id(), BOB.id()));
    private List<Message> said;

    /** Given Bob said five things to Alice. */
    @BeforeEach
    void bobSaidFiveThings() {
        said = conversation.saysMany(BOB, aliceAndBob, 5);
    }

    private Position position(int nth) {
        return said.get(nth - 1).position();
    }

    private Map<ChatId, Position> offsetsOf(Device device) {
        return offsets.offsetsOf(device);
    }

    @Test
    void movesTheDevicesOffsetToThePosition() {
        acknowledge.acknowledge(ALICES_PHONE, aliceAndBob.id(), position(3));

        assertThat(offsetsOf(ALICES_PHONE)).containsEntry(aliceAndBob.id(), position(3));
    }

    @Test
    void neverMovesTheOffsetBack() {
        acknowledge.acknowledge(ALICES_PHONE, aliceAndBob.id(), position(4));

        acknowledge.acknowledge(ALICES_PHONE, aliceAndBob.id(), position(2));

        assertThat(offsetsOf(ALICES_PHONE)).containsEntry(aliceAndBob.id(), position(4));
    }

    @Test
    void movesOnlyThatDevicesOffset() {
        acknowledge.acknowledge(ALICES_PHONE, aliceAndBob.id(), position(5));

        assertThat(offsetsOf(ALICES_LAPTOP)).isEmpty();
    }

    @Test
    void mayReachTheHeadOfTheLogButNotGoBeyondIt() {
        Position head = conversation.log.head(aliceAndBob.id());

        acknowledge.acknowledge(ALICES_PHONE, aliceAndBob.id(), head);

        assertThat(refusalOf(() -> acknowledge.acknowledge(ALICES_PHONE, aliceAndBob.id(),
                new Position(head.value() + 1)))).isEqualTo(Rejection.INVALID_INPUT);
        assertThat(offsetsOf(ALICES_PHONE)).containsEntry(aliceAndBob.id(), head);
    }

    @Test
    void aStrangerAndAnUnknownChatAreRefusedAlikeAndNothingIsRecorded() {
        Device davesPhone = new Device(DAVE.id(), new DeviceId("phone"));

        assertThat(refusalOf(() -> acknowledge.acknowledge(davesPhone, aliceAndBob.id(), position(1))))
                .isEqualTo(Rejection.CHAT_NOT_FOUND);
        assertThat(refusalOf(() -> acknowledge.acknowledge(ALICES_PHONE, new ChatId(UUID.randomUUID()), position(1))))
                .isEqualTo(Rejection.CHAT_NOT_FOUND);
        assertThat(offsetsOf(davesPhone)).isEmpty();
        assertThat(offsetsOf(ALICES_PHONE)).isEmpty();
    }
}
