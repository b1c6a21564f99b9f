package dev.chat.application.delivery;

/**
 * Callback port an inbound adapter implements for one connected device: how the core pushes to it.
 * {@link #push} must not block: it queues the event for the connection.
 */
public interface DeviceSink {
    void push(DeviceEvent event);

    /** Events queued for the connection and not yet written; the core slows catch-up while it is high. */
    int queued();

    /** Ends the connection, e.g. when the device reads too slowly to keep up. */
    void disconnect(String reason);
}
