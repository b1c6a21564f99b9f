package dev.chat.application.delivery;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.application.presence.PresenceTracker;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Specification of a device's connection: it gets what it missed since its offset, then live
 * messages, with no gap and no duplicate even when messages arrive during its catch-up.
 */
class CatchUpThenLiveTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:00:00Z"), ZoneOffset.UTC);
    private final UserId dana = new UserId(UUID.randomUUID());
    private final UserId omar = new UserId(UUID.randomUUID());
    private final DirectChat chat = DirectChat.between(dana, omar);
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final InMemoryMessageStore store = new InMemoryMessageStore();
    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore();
    private final MapDeviceDirectory directory = new MapDeviceDirectory();
    private final Queue<Runnable> catchUps = new ArrayDeque<>();
    private final Executor manual = catchUps::add;
    private final PresenceTracker presence = new PresenceTracker(new NoPresenceStore(), chats, PresencePolicy.DEFAULT,
            clock, Duration.ZERO);
    private final ConnectDevice connect = new ConnectDevice(chats, store, offsets, directory, presence, manual);
    private final MessagePipeline pipeline = new MessagePipeline(store, chats, directory, (user, message) -> { },
            ChatMetrics.NONE, clock);
    private final Device tablet = new Device(dana, new DeviceId("tablet"));

    CatchUpThenLiveTest() {
        chats.saveDirect(chat);
    }

    @Test
    void aReconnectingDeviceGetsExactlyWhatFollowsItsOffsetThenCaughtUp() {
        pipeline.accept(messages(1, 10));
        offsets.advance(tablet, chat.id(), new Position(4));
        RecordingSink sink = new RecordingSink();

        connect.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);
        runCatchUps();

        assertThat(sink.positions()).containsExactly(5L, 6L, 7L, 8L, 9L, 10L);
        assertThat(sink.last()).isEqualTo(new DeviceEvent.CaughtUp(6));
    }

    @Test
    void messagesArrivingDuringCatchUpFollowItWithoutGapOrDuplicate() {
        pipeline.accept(messages(1, 5));
        RecordingSink sink = new RecordingSink();
        connect.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);

        // the device is registered; before its catch-up reads the store, more messages are stored and fanned out
        pipeline.accept(messages(6, 8));
        assertThat(sink.positions()).as("held back until the catch-up ends").isEmpty();
        runCatchUps();
        pipeline.accept(messages(9, 9));

        assertThat(sink.positions()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(sink.events).filteredOn(e -> e instanceof DeviceEvent.CaughtUp).hasSize(1);
    }

    @Test
    void aDisconnectedDeviceGetsNothingMore() {
        RecordingSink sink = new RecordingSink();
        DeviceSession session = connect.connect(new Caller(dana, new Username("dana")), tablet.id(), sink);
        runCatchUps();
        connect.disconnect(session);
        pipeline.accept(messages(1, 3));
        assertThat(sink.positions()).isEmpty();
        assertThat(directory.sessionsOf(dana)).isEmpty();
    }

    @Test
    void theSendingDeviceGetsNoCopyButTheSendersOtherDevicesDo() {
        RecordingSink phone = new RecordingSink();
        RecordingSink laptop = new RecordingSink();
        connect.connect(new Caller(omar, new Username("omar")), new DeviceId("phone"), phone);
        connect.connect(new Caller(omar, new Username("omar")), new DeviceId("laptop"), laptop);
        runCatchUps();
        pipeline.accept(List.of(message(1, omar, "phone")));
        assertThat(phone.positions()).isEmpty();
        assertThat(laptop.positions()).containsExactly(1L);
    }

    private void runCatchUps() {
        while (!catchUps.isEmpty()) {
            catchUps.poll().run();
        }
    }

    private List<Message> messages(long from, long to) {
        return LongStream.rangeClosed(from, to).mapToObj(p -> message(p, omar, "phone")).toList();
    }

    private Message message(long position, UserId sender, String device) {
        return new Message(new MessageId(UUID.randomUUID()), chat.id(), new Position(position), sender,
                new DeviceId(device), new ClientMessageId("c" + position), new MessageBody("m" + position),
                clock.instant());
    }
}
