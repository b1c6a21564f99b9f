package dev.chat.application.port;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.user.UserId;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: hands one notification to a device's push target (a Web Push service, a webhook)
 * and reports what the far end answered. {@link #prepare} does the costly part once (for Web Push,
 * the encryption of the payload for the device), and every attempt of that push sends what was
 * prepared. Sending never blocks its caller; the stage completes with an {@link Outcome}, never
 * exceptionally (a network failure is a {@link Outcome.RetryLater}).
 */
public interface PushSender {
    Prepared prepare(PushSubscription subscription, Notification notification);

    /** One push, ready to be sent, as often as it takes. */
    interface Prepared {
        CompletionStage<Outcome> send();
    }

    /**
     * What a push says: a message waits in a chat. {@code waiting} counts the chat's messages from
     * others after what the device acknowledged (at most 100); {@code text} is empty unless the operator lets text into pushes.
     * {@code idempotencyKey} is the same for every attempt of one message to one device.
     */
    record Notification(UserId recipient, ChatId chat, MessageId message, Position position, int waiting,
                        Instant sentAt, Optional<String> text, String idempotencyKey) {
    }

    /** What the push target answered. */
    sealed interface Outcome {
        /** Accepted (2xx). */
        record Delivered() implements Outcome {
        }

        /** The target no longer exists (404, 410): its subscription is removed. */
        record Gone(String reason) implements Outcome {
        }

        /** Worth another try later (429, 5xx, a timeout, a refused connection); {@code after} from Retry-After. */
        record RetryLater(Optional<Duration> after, String reason) implements Outcome {
        }

        /** Refused for good (another 4xx): no retry. */
        record Failed(String reason) implements Outcome {
        }
    }
}
