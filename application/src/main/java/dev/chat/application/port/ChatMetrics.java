package dev.chat.application.port;

import java.time.Duration;

/** Outbound port: what operators watch (accepted, delivered, latency). */
public interface ChatMetrics {
    void messageAccepted();

    void messageDelivered(Duration sendToDelivery);

    void notificationSent();

    ChatMetrics NONE = new ChatMetrics() {
        @Override
        public void messageAccepted() {
        }

        @Override
        public void messageDelivered(Duration sendToDelivery) {
        }

        @Override
        public void notificationSent() {
        }
    };
}
