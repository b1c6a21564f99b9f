package dev.chat.application.port;

import java.time.Duration;

/** Outbound port: what operators watch (accepted, delivered, latency, pushes). */
public interface ChatMetrics {
    /** What became of a push notification to one device's target. */
    enum PushEvent {
        /** The push service or webhook accepted it. */
        SENT,
        /** Refused for now (429, 5xx, no answer): tried again later. */
        RETRIED,
        /** Given up: refused for good, out of attempts, or dropped because too many were pending. */
        FAILED,
        /** The push service said the subscription is gone (404, 410), so it was removed. */
        SUBSCRIPTION_REMOVED
    }

    void messageAccepted();

    void messageDelivered(Duration sendToDelivery);

    void pushed(PushEvent event);

    ChatMetrics NONE = new ChatMetrics() {
        @Override
        public void messageAccepted() {
        }

        @Override
        public void messageDelivered(Duration sendToDelivery) {
        }

        @Override
        public void pushed(PushEvent event) {
        }
    };
}
