package dev.chat.adapter.out.kafka.log;

import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.user.UserId;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Provide;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogRecordsTest {
    @Property(tries = 500)
    void an_entry_reads_back_as_written(@ForAll("text") String body,
                                        @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 64) String device,
                                        @ForAll @AlphaChars @NumericChars @StringLength(min = 1, max = 64) String clientId,
                                        @ForAll long seconds,
                                        @ForAll @net.jqwik.api.constraints.LongRange(min = 0) long chatVersion) {
        Instant sentAt = Instant.ofEpochSecond(Math.floorMod(seconds, 10_000_000_000L), Math.floorMod(seconds, 1_000_000_000));
        Entry entry = new Entry(new MessageId(UUID.randomUUID()), new ChatId(UUID.randomUUID()),
                new UserId(UUID.randomUUID()), new DeviceId(device), new ClientMessageId(clientId),
                new MessageBody("x" + body), sentAt, chatVersion);

        assertThat(LogRecords.entryOf(LogRecords.value(entry))).isEqualTo(entry);
        assertThat(LogRecords.chatOf(LogRecords.key(entry.chatId()))).isEqualTo(entry.chatId());
    }

    /** Text a body may hold: any character of the BMP below the surrogates but NUL, then two beyond the BMP. */
    @Provide
    Arbitrary<String> text() {
        return Arbitraries.strings().withCharRange('\u0001', '\uD7FF').ofMaxLength(2000)
                .map(s -> s + "😀𝄞");
    }

    @Test
    void a_record_written_before_chat_versions_reads_with_an_unknown_chat_version() {
        Entry entry = new Entry(new MessageId(UUID.randomUUID()), new ChatId(UUID.randomUUID()),
                new UserId(UUID.randomUUID()), new DeviceId("d"), new ClientMessageId("c"), new MessageBody("hi"),
                Instant.ofEpochSecond(1_700_000_000L, 5), 42);
        byte[] current = LogRecords.value(entry);
        byte[] first = java.util.Arrays.copyOf(current, current.length - Long.BYTES);
        first[0] = 1;

        assertThat(LogRecords.entryOf(first)).isEqualTo(new Entry(entry.id(), entry.chatId(), entry.sender(),
                entry.senderDevice(), entry.clientMessageId(), entry.body(), entry.sentAt()));
    }

    @Test
    void a_record_of_another_version_is_refused_with_a_reason() {
        byte[] value = {9, 0, 0};
        assertThatThrownBy(() -> LogRecords.entryOf(value)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 9");
    }
}
