package dev.chat.application.port.contract;

import dev.chat.application.port.PushNotifier;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PushNotifier} promises: each notification reaches its recipient once, and the
 * message text goes nowhere (no log line, no third party's payload). The port itself answers
 * nothing, so a subclass says how its adapter is observed.
 */
public abstract class PushNotifierContract {
    /** The adapter under test; it may hold data of other tests (every test uses fresh users). */
    protected abstract PushNotifier notifier();

    /** How many notifications the adapter sent for the user. */
    protected abstract long notificationsFor(UserId user);

    /** Everything the adapter wrote out of the process since the test began: log lines, push payloads. */
    protected abstract List<String> writtenOut();

    @Test
    void each_notification_is_counted_for_its_recipient_only() {
        UserId alice = userId();
        UserId bob = userId();
        UserId carol = userId();
        var chat = chatId();

        notifier().notifyWaiting(alice, message(chat, 1, bob));
        notifier().notifyWaiting(alice, message(chat, 2, bob));
        notifier().notifyWaiting(carol, message(chat, 3, bob));

        assertThat(notificationsFor(alice)).isEqualTo(2);
        assertThat(notificationsFor(carol)).isEqualTo(1);
        assertThat(notificationsFor(bob)).isZero();
    }

    @Test
    void the_message_text_goes_nowhere() {
        UserId alice = userId();
        Message message = message(chatId(), 1, userId());

        notifier().notifyWaiting(alice, message);

        assertThat(notificationsFor(alice)).isEqualTo(1);
        assertThat(writtenOut()).noneMatch(line -> line.contains(message.body().text()));
    }

    @Test
    void concurrent_notifications_are_each_counted() throws Exception {
        UserId alice = userId();
        var chat = chatId();
        List<Callable<Void>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            work.add(() -> {
                for (int i = 0; i < 250; i++) {
                    notifier().notifyWaiting(alice, message(chat, i + 1, alice));
                }
                return null;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<Void> done : pool.invokeAll(work, 30, TimeUnit.SECONDS)) {
                done.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(notificationsFor(alice)).isEqualTo(1_000);
    }
}
