package dev.chat.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import dev.chat.adapter.out.cassandra.message.CassandraMessageStore;
import dev.chat.adapter.out.cassandra.offset.CassandraOffsetStore;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.OffsetStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** Messages and offsets expire by their TTL alone: nothing in this adapter ever deletes a row. */
class CassandraTtlTest {
    private static final Duration SHORT_TTL = Duration.ofSeconds(2);

    @Test
    void messages_and_offsets_disappear_when_their_ttl_runs_out() throws InterruptedException {
        CqlSession session = CassandraStores.session();
        CassandraSettings shortLived = CassandraStores.settingsWithTtl(SHORT_TTL);
        MessageStore messages = new CassandraMessageStore(session, shortLived);
        OffsetStore offsets = new CassandraOffsetStore(session, shortLived);
        ChatId chat = chatId();
        UserId sender = userId();
        Device reader = new Device(userId(), new DeviceId("phone"));
        List<Message> written = List.of(message(chat, 1, sender), message(chat, 2, sender));

        long writtenAt = System.nanoTime();
        messages.storeAll(written);
        offsets.advance(reader, chat, new Position(1));

        assertThat(messages.after(chat, Position.START, 10)).containsExactlyElementsOf(written);
        assertThat(offsets.offsetsOf(reader)).containsEntry(chat, new Position(1));
        assertThat(session.execute("SELECT TTL(body) FROM messages WHERE chat_id = ? AND month = ? AND position = 1",
                chat.value(), 202601).one().getInt(0)).isBetween(1, 2);

        Thread.sleep(Math.max(0, Duration.ofSeconds(3).toMillis() - Duration.ofNanos(System.nanoTime() - writtenAt).toMillis()));

        assertThat(messages.after(chat, Position.START, 10)).isEmpty();
        assertThat(messages.latest(chat)).isEmpty();
        assertThat(messages.countUnread(chat, Position.START, userId(), 10)).isZero();
        assertThat(offsets.offsetsOf(reader)).isEmpty();
    }

    @Test
    void acknowledging_the_same_position_again_renews_the_offset() throws InterruptedException {
        CqlSession session = CassandraStores.session();
        OffsetStore shortLived = new CassandraOffsetStore(session, CassandraStores.settingsWithTtl(SHORT_TTL));
        OffsetStore usual = CassandraStores.context().getBean(OffsetStore.class);
        Device reader = new Device(userId(), new DeviceId("phone"));
        ChatId chat = chatId();
        shortLived.advance(reader, chat, new Position(7));
        // same position, same write timestamp: the write that expires later wins
        usual.advance(reader, chat, new Position(7));

        Thread.sleep(SHORT_TTL.plusSeconds(1).toMillis());

        assertThat(usual.offsetsOf(reader)).isEqualTo(Map.of(chat, new Position(7)));
    }

    @Test
    void the_configured_ttl_is_thirty_days_by_default() {
        MessageStore messages = CassandraStores.context().getBean(MessageStore.class);
        ChatId chat = chatId();
        messages.storeAll(List.of(message(chat, 1, userId())));

        int ttl = CassandraStores.session().execute(
                "SELECT TTL(body) FROM messages WHERE chat_id = ? AND month = ? AND position = 1",
                chat.value(), 202601).one().getInt(0);
        assertThat(ttl).isBetween((int) Duration.ofDays(30).toSeconds() - 60, (int) Duration.ofDays(30).toSeconds());
    }
}
