package dev.chat.application.delivery.planted;

/**
 * A plain delivery class for the planted violations to point at, as {@code DeviceSession} is in
 * production: a callback type the inbound adapters may hold; it breaks nothing itself.
 */
public final class DeliverySessionStandIn {
    public void push(String event) {
    }
}
