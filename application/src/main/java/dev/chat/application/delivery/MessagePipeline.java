package dev.chat.application.delivery;

import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.DeviceDirectory;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.PushNotifier;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The consumer of the message log: stores each batch, then fans every message out to the
 * members' connected devices and notifies members who have none. Storing comes first, so a device
 * that connects at any moment finds in the store whatever the fan-out did not give it.
 */
public final class MessagePipeline implements MessageLog.Consumer {
    private final MessageStore store;
    private final ChatRepository chats;
    private final DeviceDirectory directory;
    private final PushNotifier notifier;
    private final ChatMetrics metrics;
    private final Clock clock;

    public MessagePipeline(MessageStore store, ChatRepository chats, DeviceDirectory directory,
                           PushNotifier notifier, ChatMetrics metrics, Clock clock) {
        this.store = store;
        this.chats = chats;
        this.directory = directory;
        this.notifier = notifier;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public void accept(List<Message> batch) {
        store.storeAll(batch);
        Set<DeviceSession> offered = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            for (Message message : batch) {
                fanOut(message, offered);
            }
        } finally {
            // one write per device for the whole batch rather than one per message
            offered.forEach(DeviceSession::flush);
        }
    }

    private void fanOut(Message message, Set<DeviceSession> offered) {
        Optional<Chat> chat = chats.findById(message.chatId());
        if (chat.isEmpty()) {
            return;
        }
        for (Membership member : chat.get().members()) {
            if (!message.position().isAfter(member.since())) {
                continue;
            }
            Collection<DeviceSession> sessions = directory.sessionsOf(member.userId());
            boolean recipient = !member.userId().equals(message.sender());
            if (sessions.isEmpty()) {
                if (recipient) {
                    notifier.notifyWaiting(member.userId(), message);
                    metrics.notificationSent();
                }
                continue;
            }
            for (DeviceSession session : sessions) {
                if (session.device().id().equals(message.senderDevice()) && !recipient) {
                    continue; // the sending device has its acknowledgement
                }
                if (session.offerLive(message)) {
                    offered.add(session);
                    metrics.messageDelivered(Duration.between(message.sentAt(), clock.instant()));
                }
            }
        }
    }
}
