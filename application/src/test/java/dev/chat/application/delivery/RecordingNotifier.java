package dev.chat.application.delivery;

import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;

import java.util.ArrayList;
import java.util.List;

/** Remembers whom it was asked to notify of which waiting message. */
public final class RecordingNotifier implements PushNotifier {
    public record Notification(UserId recipient, Message message) {
    }

    private final List<Notification> sent = new ArrayList<>();

    @Override
    public synchronized void notifyWaiting(Membership recipient, Message message) {
        sent.add(new Notification(recipient.userId(), message));
    }

    public synchronized List<Notification> sent() {
        return List.copyOf(sent);
    }

    public synchronized List<UserId> recipients() {
        return sent.stream().map(Notification::recipient).toList();
    }
}
