package dev.chat.application.delivery;

import dev.chat.application.delivery.DeviceEvent.CaughtUp;
import dev.chat.application.delivery.DeviceEvent.ChatChanged;
import dev.chat.application.delivery.DeviceEvent.MessageReceived;
import dev.chat.application.delivery.DeviceEvent.PresenceChanged;
import dev.chat.domain.message.Message;
import dev.chat.domain.presence.Presence;

import java.util.ArrayList;
import java.util.List;

/**
 * A device's connection that records what the core pushed to it, in order. Its queue is as long
 * as {@link #queued} says; a slow one ({@link #drainingAfter}) reports a long queue the first few
 * times it is asked, then drains.
 */
public final class RecordingSink implements DeviceSink {
    /** Far above the level at which catch-up pauses. */
    public static final int LONG_QUEUE = 1_000_000;

    final List<DeviceEvent> events = new ArrayList<>();
    final List<DisconnectReason> disconnects = new ArrayList<>();
    int queued;
    private final int busyAnswers;
    private final List<Integer> messagesSentWhenAsked = new ArrayList<>();

    public RecordingSink() {
        this(0);
    }

    private RecordingSink(int busyAnswers) {
        this.busyAnswers = busyAnswers;
    }

    /** A device that reads slowly: the first {@code answers} times it is asked, its queue is long. */
    public static RecordingSink drainingAfter(int answers) {
        return new RecordingSink(answers);
    }

    @Override
    public synchronized void push(DeviceEvent event) {
        events.add(event);
    }

    @Override
    public synchronized int queued() {
        messagesSentWhenAsked.add(messages().size());
        return messagesSentWhenAsked.size() <= busyAnswers ? LONG_QUEUE : queued;
    }

    @Override
    public synchronized void disconnect(DisconnectReason reason) {
        disconnects.add(reason);
    }

    /** The messages received, in the order they were pushed. */
    public synchronized List<Message> messages() {
        return events.stream().filter(MessageReceived.class::isInstance)
                .map(e -> ((MessageReceived) e).message()).toList();
    }

    synchronized List<Long> positions() {
        return messages().stream().map(m -> m.position().value()).toList();
    }

    public synchronized List<ChatChanged> chatChanges() {
        return events.stream().filter(ChatChanged.class::isInstance).map(ChatChanged.class::cast).toList();
    }

    public synchronized List<Presence> presenceChanges() {
        return events.stream().filter(PresenceChanged.class::isInstance)
                .map(e -> ((PresenceChanged) e).presence()).toList();
    }

    public synchronized List<CaughtUp> caughtUp() {
        return events.stream().filter(CaughtUp.class::isInstance).map(CaughtUp.class::cast).toList();
    }

    synchronized DeviceEvent last() {
        return events.get(events.size() - 1);
    }

    /** How many messages had been pushed each time the core asked how long the queue was. */
    public synchronized List<Integer> messagesSentWhenAsked() {
        return List.copyOf(messagesSentWhenAsked);
    }

    public synchronized List<DisconnectReason> disconnectReasons() {
        return List.copyOf(disconnects);
    }
}
