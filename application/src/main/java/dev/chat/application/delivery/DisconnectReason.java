package dev.chat.application.delivery;

/**
 * Why the core ends a device's connection. Each inbound adapter maps these to its own signal (the
 * WebSocket gateway to a documented close code), so the decision is taken here, never parsed back
 * out of a text.
 */
public enum DisconnectReason {
    /** A newer connection of the same device, on this node or another, took its place. */
    REPLACED,
    /** The device read too slowly to keep up; it resumes from its offsets when it reconnects. */
    SLOW_CONSUMER,
    /** Its catch-up failed on the server; it resumes from its offsets when it reconnects. */
    CATCH_UP_FAILED,
    /**
     * This node is stopping: the device reconnects, to whichever node its load balancer picks, after
     * a wait spread over many devices so that they do not all return at once.
     */
    NODE_STOPPING
}
