package dev.chat.application.delivery;

import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;

/**
 * What the fan-out hands a message to when one of its recipients has no device connected anywhere.
 * Called on the delivery path: an implementation returns at once and never waits for a push service.
 */
public interface PushNotifier {
    void notifyWaiting(Membership recipient, Message message);
}
