package dev.chat.application.port;

import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;

/**
 * Outbound port: tells a user with no connected device that a message waits. Implementations
 * must never put the message text into a third party's hands unencrypted or into logs.
 */
public interface PushNotifier {
    void notifyWaiting(UserId recipient, Message message);
}
