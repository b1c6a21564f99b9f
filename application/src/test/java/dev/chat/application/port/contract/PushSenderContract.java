package dev.chat.application.port.contract;

import dev.chat.application.port.PushSender;
import dev.chat.application.port.PushSender.Notification;
import dev.chat.application.port.PushSender.Outcome;
import dev.chat.domain.message.Position;
import dev.chat.domain.push.PushSubscription;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.instant;
import static dev.chat.application.port.contract.PortFixtures.messageId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link PushSender} promises: the far end's answer becomes the same {@link Outcome}
 * whatever the target's kind, and a target that cannot be reached is a retry, never an exception.
 * A subclass supplies targets that answer as asked.
 */
public abstract class PushSenderContract {
    protected abstract PushSender sender();

    /** A subscription whose target answers {@code status}, with this Retry-After header when present. */
    protected abstract PushSubscription answering(int status, Optional<String> retryAfter);

    /** A subscription whose target refuses connections. */
    protected abstract PushSubscription unreachable();

    protected static Notification notification() {
        return new Notification(userId(), chatId(), messageId(), new Position(7), 3, instant(), Optional.empty(),
                "idempotency-" + messageId());
    }

    private Outcome send(PushSubscription subscription) throws Exception {
        return sender().prepare(subscription, notification()).send().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void accepted_is_delivered() throws Exception {
        assertThat(send(answering(201, Optional.empty()))).isEqualTo(new Outcome.Delivered());
        assertThat(send(answering(200, Optional.empty()))).isEqualTo(new Outcome.Delivered());
    }

    @Test
    void not_found_and_gone_mean_the_subscription_is_gone() throws Exception {
        assertThat(send(answering(404, Optional.empty()))).isInstanceOf(Outcome.Gone.class);
        assertThat(send(answering(410, Optional.empty()))).isInstanceOf(Outcome.Gone.class);
    }

    @Test
    void too_many_requests_and_server_errors_are_retried_after_what_the_target_asked() throws Exception {
        assertThat(send(answering(429, Optional.of("7"))))
                .isEqualTo(new Outcome.RetryLater(Optional.of(Duration.ofSeconds(7)), "HTTP 429"));
        assertThat(send(answering(503, Optional.empty())))
                .isEqualTo(new Outcome.RetryLater(Optional.empty(), "HTTP 503"));
        assertThat(send(answering(500, Optional.of("Wed, 21 Oct 2026 07:28:00 GMT"))))
                .as("an HTTP date leaves the backoff to the caller")
                .isEqualTo(new Outcome.RetryLater(Optional.empty(), "HTTP 500"));
    }

    @Test
    void other_client_errors_are_refusals_for_good() throws Exception {
        assertThat(send(answering(400, Optional.empty()))).isInstanceOf(Outcome.Failed.class);
        assertThat(send(answering(403, Optional.empty()))).isInstanceOf(Outcome.Failed.class);
        assertThat(send(answering(413, Optional.empty()))).isInstanceOf(Outcome.Failed.class);
    }

    @Test
    void an_unreachable_target_is_retried_later_not_thrown() throws Exception {
        assertThat(send(unreachable())).isInstanceOf(Outcome.RetryLater.class);
    }
}
