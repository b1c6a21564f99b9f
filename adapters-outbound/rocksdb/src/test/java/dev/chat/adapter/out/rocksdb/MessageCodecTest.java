package dev.chat.adapter.out.rocksdb;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessageCodecTest {
    private static final Message MESSAGE = new Message(new MessageId(UUID.randomUUID()), new ChatId(UUID.randomUUID()),
            new Position(Long.MAX_VALUE - 1), new UserId(UUID.randomUUID()), new DeviceId("phone-1"),
            new ClientMessageId("c-1"), new MessageBody("héllo 👋 \"quoted\"\n"),
            Instant.parse("2026-11-28T10:15:30.123456789Z"));

    @Test
    void a_message_reads_back_exactly_with_its_nanoseconds_and_non_ascii_body() {
        byte[] bytes = MessageCodec.encode(MESSAGE);

        assertThat(MessageCodec.decode(bytes)).isEqualTo(MESSAGE);
        assertThat(MessageCodec.sentAt(bytes)).isEqualTo(MESSAGE.sentAt());
        assertThat(MessageCodec.sender(bytes)).isEqualTo(MESSAGE.sender().value());
    }

    @Test
    void a_record_of_an_unknown_format_version_is_refused() {
        byte[] bytes = MessageCodec.encode(MESSAGE);
        bytes[0] = 9;

        assertThatThrownBy(() -> MessageCodec.decode(bytes)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 9");
    }
}
