package dev.chat.application.delivery;

/**
 * Callback port an inbound adapter implements for one connected device: how the core pushes to it.
 * {@link #push} must not block: it queues the event for the connection.
 */
public interface DeviceSink {
    void push(DeviceEvent event);

    /**
     * Like {@link #push}, but the adapter may hold the event back to write it together with the
     * next ones: the fan-out of a batch of messages holds them, then calls {@link #flush} once per
     * device, so a device that gets several messages of the batch gets them in one write. Events
     * keep their order either way. By default the event is pushed at once.
     */
    default void pushHeld(DeviceEvent event) {
        push(event);
    }

    /** Writes whatever {@link #pushHeld} held back. Must not block, like {@link #push}. */
    default void flush() {
    }

    /** Events queued for the connection and not yet written; the core slows catch-up while it is high. */
    int queued();

    /** How many events may wait before the connection is cut off as too slow; catch-up stays well under it. */
    default int queueLimit() {
        return Integer.MAX_VALUE;
    }

    /** Ends the connection, for the reason the core gives. */
    void disconnect(DisconnectReason reason);
}
