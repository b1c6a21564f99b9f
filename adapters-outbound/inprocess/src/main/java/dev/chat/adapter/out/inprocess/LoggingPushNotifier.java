package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PushNotifier;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded default's notifier: records that a user with no connected device has a message
 * waiting (ids only, never the text). Real push protocols plug in behind the same port.
 */
@Singleton
public final class LoggingPushNotifier implements PushNotifier {
    private static final Logger LOG = LoggerFactory.getLogger(LoggingPushNotifier.class);

    private final ConcurrentHashMap<UserId, AtomicLong> waiting = new ConcurrentHashMap<>();

    @Override
    public void notifyWaiting(UserId recipient, Message message) {
        waiting.computeIfAbsent(recipient, u -> new AtomicLong()).incrementAndGet();
        LOG.debug("push: user {} has message {} waiting in chat {}", recipient, message.id(), message.chatId());
    }

    /** How many notifications went to the user since start. */
    public long notificationsFor(UserId user) {
        AtomicLong count = waiting.get(user);
        return count == null ? 0 : count.get();
    }
}
