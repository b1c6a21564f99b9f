package dev.chat.application.delivery;

import dev.chat.application.port.MessageLog.Subscription;

/**
 * The message log's two subscriptions. Storing and delivering are separate readers with their own
 * positions, so that a cluster runs them on different processes; delivery follows storing, so a
 * device is never offered a message that catch-up could not find in the store.
 */
public final class LogSubscriptions {
    /** Writes chat contents: each message stored once, by one of the storage workers. */
    public static final Subscription STORE = Subscription.named("store");
    /** Plans the fan-out of what is stored and hands it to the gateways that hold the recipients. */
    public static final Subscription DELIVERY = Subscription.named("delivery").after(STORE);

    private LogSubscriptions() {
    }
}
