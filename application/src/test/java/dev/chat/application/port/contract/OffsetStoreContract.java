package dev.chat.application.port.contract;

import dev.chat.application.port.OffsetStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Position;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link OffsetStore} promises; an adapter's test extends this and supplies the adapter. */
public abstract class OffsetStoreContract {
    /** The adapter under test; it may hold data of other tests (every test uses fresh ids). */
    protected abstract OffsetStore offsets();

    private static Device device(String id) {
        return new Device(userId(), new DeviceId(id));
    }

    @Test
    void an_advanced_offset_is_listed() {
        Device phone = device("phone");
        ChatId chat = chatId();
        offsets().advance(phone, chat, new Position(5));

        assertThat(offsets().offsetsOf(phone)).isEqualTo(Map.of(chat, new Position(5)));
    }

    @Test
    void an_offset_moves_forward_and_never_back() {
        Device phone = device("phone");
        ChatId chat = chatId();
        offsets().advance(phone, chat, new Position(5));
        offsets().advance(phone, chat, new Position(9));
        offsets().advance(phone, chat, new Position(7));
        offsets().advance(phone, chat, new Position(9));

        assertThat(offsets().offsetsOf(phone)).containsEntry(chat, new Position(9));
    }

    @Test
    void devices_and_chats_have_offsets_of_their_own() {
        Device phone = device("phone");
        Device laptop = new Device(phone.user(), new DeviceId("laptop"));
        Device someoneElses = new Device(userId(), new DeviceId("phone"));
        ChatId one = chatId();
        ChatId two = chatId();
        offsets().advance(phone, one, new Position(3));
        offsets().advance(phone, two, new Position(4));
        offsets().advance(laptop, one, new Position(8));
        offsets().advance(someoneElses, one, new Position(11));

        assertThat(offsets().offsetsOf(phone)).isEqualTo(Map.of(one, new Position(3), two, new Position(4)));
        assertThat(offsets().offsetsOf(laptop)).isEqualTo(Map.of(one, new Position(8)));
        assertThat(offsets().offsetsOf(someoneElses)).isEqualTo(Map.of(one, new Position(11)));
    }

    @Test
    void one_chats_offset_is_read_alone_and_is_the_start_where_nothing_was_acknowledged() {
        Device phone = device("phone");
        Device laptop = device("laptop");
        ChatId chat = chatId();
        ChatId other = chatId();
        offsets().advance(phone, chat, new Position(7));
        offsets().advance(phone, other, new Position(3));
        offsets().advance(phone, chat, new Position(4));

        assertThat(offsets().offsetOf(phone, chat)).isEqualTo(new Position(7));
        assertThat(offsets().offsetOf(phone, other)).isEqualTo(new Position(3));
        assertThat(offsets().offsetOf(phone, chatId())).isEqualTo(Position.START);
        assertThat(offsets().offsetOf(laptop, chat)).isEqualTo(Position.START);
    }

    @Test
    void a_device_that_never_acknowledged_has_no_offsets() {
        assertThat(offsets().offsetsOf(device("tablet"))).isEmpty();
    }

    @Test
    void concurrent_acknowledgements_leave_the_highest() throws Exception {
        Device phone = device("phone");
        ChatId chat = chatId();
        List<Callable<Void>> acks = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            Position position = new Position((i * 37L) % 41);
            acks.add(() -> {
                offsets().advance(phone, chat, position);
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> ack : pool.invokeAll(acks)) {
                ack.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(offsets().offsetsOf(phone)).containsEntry(chat, new Position(40));
    }
}
