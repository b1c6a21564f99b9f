package dev.chat.adapter.out.kafka.log;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageLog.Appended;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.user.UserId;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Idempotency across gateways and across a gateway that died mid-append: two log instances (two
 * gateways) on one topic and one PostgreSQL, and records written the way a dying appender leaves
 * them.
 */
class KafkaMessageLogIdempotencyTest {
    private static final MessageLog.Subscription STORE = MessageLog.Subscription.named("store");

    private final List<KafkaMessageLog> logs = new ArrayList<>();
    private KafkaLogSettings settings;
    private DataSource postgres;

    @BeforeEach
    void sharedEngines() {
        settings = KafkaLogSettings.local(Engines.kafka(), Engines.unique("log-"), Engines.unique("chat-"));
        postgres = Engines.postgres(Engines.unique("kafkaids"));
    }

    @AfterEach
    void closeAll() {
        logs.forEach(KafkaMessageLog::close);
    }

    private KafkaMessageLog gateway() {
        KafkaMessageLog log = new KafkaMessageLog(settings, postgres, Clock.systemUTC());
        logs.add(log);
        return log;
    }

    private static Entry entry(ChatId chat, UserId sender, ClientMessageId clientId, String body) {
        return new Entry(new MessageId(UUID.randomUUID()), chat, sender, new DeviceId("phone"), clientId,
                new MessageBody(body), Instant.parse("2026-12-02T10:00:00Z"));
    }

    private static Appended appended(MessageLog log, Entry entry) throws Exception {
        return log.append(entry).toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    /** What a gateway that died after Kafka took its record, before claiming it, leaves behind. */
    private void appendAndDieBeforeTheClaim(Entry entry) throws Exception {
        new ClientMessageIds(postgres).reserve(List.of(entry), Instant.now());
        LogTopic topic = new LogTopic(settings.topic(), settings.partitions());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(settings.producerProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic.name(), topic.partitionOf(entry.chatId()),
                    LogRecords.key(entry.chatId()), LogRecords.value(entry))).get(20, TimeUnit.SECONDS);
        }
    }

    private static final class Received implements MessageLog.Consumer {
        final List<Message> messages = new ArrayList<>();

        @Override
        public synchronized void accept(List<Message> batch) {
            messages.addAll(batch);
        }

        synchronized List<Message> messages() {
            return List.copyOf(messages);
        }
    }

    @Test
    void the_same_client_message_id_sent_to_two_gateways_is_one_message() throws Exception {
        KafkaMessageLog first = gateway();
        KafkaMessageLog second = gateway();
        ChatId chat = new ChatId(UUID.randomUUID());
        UserId sender = new UserId(UUID.randomUUID());
        ClientMessageId clientId = new ClientMessageId("c-1");

        Appended original = appended(first, entry(chat, sender, clientId, "hello"));
        Appended resent = appended(second, entry(chat, sender, clientId, "hello, after a reconnect"));

        assertThat(original.duplicate()).isFalse();
        assertThat(resent.duplicate()).isTrue();
        assertThat(resent.message()).isEqualTo(original.message());
        Received stored = new Received();
        second.subscribe(STORE, stored);
        Message next = appended(first, entry(chat, sender, new ClientMessageId("c-2"), "next")).message();
        await().atMost(Duration.ofSeconds(20)).until(() -> stored.messages().contains(next));
        assertThat(stored.messages()).containsExactly(original.message(), next);
    }

    @Test
    void a_resend_after_the_gateway_died_before_claiming_counts_once_and_its_acknowledgement_is_what_readers_see()
            throws Exception {
        ChatId chat = new ChatId(UUID.randomUUID());
        UserId sender = new UserId(UUID.randomUUID());
        Entry lost = entry(chat, sender, new ClientMessageId("c-1"), "the first try");
        KafkaMessageLog survivor = gateway();
        appendAndDieBeforeTheClaim(lost);

        Appended resent = appended(survivor, entry(chat, sender, new ClientMessageId("c-1"), "resent"));
        assertThat(resent.message().id()).as("the entry as first sent").isEqualTo(lost.id());
        assertThat(resent.message().body()).isEqualTo(lost.body());

        Received stored = new Received();
        survivor.subscribe(STORE, stored);
        Message next = appended(survivor, entry(chat, sender, new ClientMessageId("c-2"), "next")).message();
        await().atMost(Duration.ofSeconds(20)).until(() -> stored.messages().contains(next));
        assertThat(stored.messages()).as("one record of c-1 counts, the one its acknowledgement names")
                .containsExactly(resent.message(), next);
        assertThat(survivor.droppedResends(STORE)).as("the other record of c-1").isEqualTo(1);
    }

    @Test
    void a_record_a_dead_gateway_left_unclaimed_is_claimed_by_its_first_reader_and_a_resend_answers_with_it()
            throws Exception {
        ChatId chat = new ChatId(UUID.randomUUID());
        UserId sender = new UserId(UUID.randomUUID());
        Entry lost = entry(chat, sender, new ClientMessageId("c-1"), "the first try");
        KafkaMessageLog survivor = gateway();
        appendAndDieBeforeTheClaim(lost);

        Received stored = new Received();
        survivor.subscribe(STORE, stored);
        await().atMost(Duration.ofSeconds(20)).until(() -> !stored.messages().isEmpty());
        Message claimed = stored.messages().get(0);
        assertThat(claimed.id()).isEqualTo(lost.id());

        Appended resent = appended(survivor, entry(chat, sender, new ClientMessageId("c-1"), "resent"));
        assertThat(resent.duplicate()).isTrue();
        assertThat(resent.message()).isEqualTo(claimed);
        Message next = appended(survivor, entry(chat, sender, new ClientMessageId("c-2"), "next")).message();
        await().atMost(Duration.ofSeconds(20)).until(() -> stored.messages().contains(next));
        assertThat(stored.messages()).containsExactly(claimed, next);
    }
}
