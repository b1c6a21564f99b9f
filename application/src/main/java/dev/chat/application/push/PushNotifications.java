package dev.chat.application.push;

import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.ChatMutes;
import dev.chat.application.delivery.PushNotifier;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.OffsetStore;
import dev.chat.application.port.PushSender;
import dev.chat.application.port.PushSender.Notification;
import dev.chat.application.port.PushSender.Outcome;
import dev.chat.application.port.PushSubscriptions;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.push.PushSubscription;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The notification service: tells a recipient with no device connected anywhere that a message
 * waits, through each of their devices' push targets, unless they muted the chat, at most once per
 * chat within {@link Settings#interval()} ({@link PushThrottle}).
 *
 * <p>Nothing here waits for a push service on the delivery path: {@link #notifyWaiting} only updates
 * the throttle and hands the push to {@code work}, where the mute, the targets and the offsets are
 * read, the push is prepared once (encrypted, for Web Push) and its sends start. Sends are
 * asynchronous, bounded in number ({@link Settings#maxPending()}, beyond which a push is dropped
 * and counted as failed) and per push service ({@link PushLanes}), and retried with exponential
 * backoff and jitter by {@link #tick()}, which a scheduler calls often (it also sends the pushes
 * the throttle folded); a retry sends what was prepared, on {@code work}.
 */
public final class PushNotifications implements PushNotifier {
    private static final Logger LOG = Logger.getLogger(PushNotifications.class.getName());
    /** A push says "100" for 100 or more waiting messages: counting further costs reads and tells nobody more. */
    static final int MAX_WAITING_COUNTED = 100;

    /**
     * @param interval    at most one push per recipient and chat within it
     * @param includeText whether a push carries the message text (off by default: a push service sees it
     *                    encrypted, a webhook receiver in clear)
     * @param maxAttempts sends of one push to one target before it counts as failed
     * @param firstRetry  the backoff before the second attempt; it doubles up to {@code maxRetry}
     * @param maxPending  pushes started and not finished (retries included) beyond which new ones are dropped
     * @param maxPerHost  sends under way to one push service (host) at once; more wait in its line
     * @param perSecond   pushes prepared per second on this node at most (0: no limit), see {@link PushPacer}
     */
    public record Settings(Duration interval, boolean includeText, int maxAttempts, Duration firstRetry,
                           Duration maxRetry, int maxPending, int maxPerHost, int perSecond) {
        public Settings {
            if (maxAttempts < 1 || maxPending < 1 || maxPerHost < 1 || perSecond < 0 || firstRetry.isNegative()
                    || maxRetry.compareTo(firstRetry) < 0) {
                throw new IllegalArgumentException("push settings out of range: " + maxAttempts + " attempts, "
                        + maxPending + " pending, retries " + firstRetry + " to " + maxRetry);
            }
        }
    }

    private record Attempt(PushSubscription subscription, PushSender.Prepared push, int number, Instant due) {
        String host() {
            return subscription.target().address().getAuthority().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PushSubscriptions subscriptions;
    private final ChatMutes mutes;
    private final OffsetStore offsets;
    private final MessageStore messages;
    private final PushSender sender;
    private final ChatMetrics metrics;
    private final Clock clock;
    private final Executor work;
    private final Settings settings;
    private final PushThrottle throttle;
    private final PushLanes lanes;
    private final PushPacer pacer;
    private final PriorityQueue<Attempt> retries = new PriorityQueue<>(Comparator.comparing(Attempt::due));
    private final AtomicInteger pending = new AtomicInteger();

    public PushNotifications(PushSubscriptions subscriptions, ChatMutes mutes, OffsetStore offsets,
                             MessageStore messages, PushSender sender, ChatMetrics metrics, Clock clock, Executor work,
                             Settings settings) {
        this.subscriptions = subscriptions;
        this.mutes = mutes;
        this.offsets = offsets;
        this.messages = messages;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
        this.work = work;
        this.settings = settings;
        this.throttle = new PushThrottle(settings.interval());
        this.lanes = new PushLanes(settings.maxPerHost(), work);
        this.pacer = new PushPacer(settings.perSecond());
    }

    @Override
    public void notifyWaiting(Membership recipient, Message message) {
        if (throttle.offer(recipient, message, clock.instant())) {
            start(recipient, message);
        }
    }

    /** Sends the pushes the throttle folded whose interval ended, and the retries that are due. */
    public void tick() {
        Instant now = clock.instant();
        for (PushThrottle.Due due : throttle.due(now)) {
            start(due.recipient(), due.message());
        }
        while (true) {
            Attempt attempt;
            synchronized (retries) {
                if (retries.isEmpty() || retries.peek().due().isAfter(now)) {
                    return;
                }
                attempt = retries.poll();
            }
            work.execute(() -> lanes.submit(attempt.host(), () -> send(attempt)));
        }
    }

    /** Pushes started and not finished, retries included. */
    public int pending() {
        return pending.get();
    }

    /** Sends waiting for room in their push service's lane. */
    public int waitingForAPushService() {
        return lanes.waiting();
    }

    private void start(Membership recipient, Message message) {
        work.execute(() -> {
            try {
                if (mutes.isMuted(recipient.userId(), message.chatId())) {
                    return;
                }
                List<PushSubscription> targets = subscriptions.ofUser(recipient.userId());
                for (PushSubscription subscription : targets) {
                    if (pending.incrementAndGet() > settings.maxPending()) {
                        pending.decrementAndGet();
                        metrics.pushed(ChatMetrics.PushEvent.FAILED);
                        LOG.warning("push dropped: " + settings.maxPending() + " pushes are already pending");
                        continue;
                    }
                    pacer.awaitTurn();
                    Attempt first = new Attempt(subscription,
                            sender.prepare(subscription, notification(recipient, message, subscription)), 1, clock.instant());
                    lanes.submit(first.host(), () -> send(first));
                }
            } catch (RuntimeException e) {
                metrics.pushed(ChatMetrics.PushEvent.FAILED);
                LOG.log(Level.WARNING, "push for message " + message.id() + " to " + recipient.userId() + " failed", e);
            }
        });
    }

    private Notification notification(Membership recipient, Message message, PushSubscription subscription) {
        Position acknowledged = offsets.offsetOf(subscription.device(), message.chatId());
        int waiting = Math.max(1, messages.countUnread(message.chatId(), Position.max(acknowledged, recipient.since()),
                recipient.userId(), MAX_WAITING_COUNTED));
        return new Notification(recipient.userId(), message.chatId(), message.id(), message.position(), waiting,
                message.sentAt(), settings.includeText() ? Optional.of(message.body().text()) : Optional.empty(),
                message.id().value() + "." + subscription.device().user().value() + "." + subscription.device().id().value());
    }

    private void send(Attempt attempt) {
        attempt.push().send()
                .whenComplete((outcome, failure) -> {
                    lanes.done(attempt.host());
                    Outcome result = failure == null ? outcome
                            : new Outcome.RetryLater(Optional.empty(), String.valueOf(failure));
                    try {
                        settle(attempt, result);
                    } catch (RuntimeException e) {
                        pending.decrementAndGet();
                        metrics.pushed(ChatMetrics.PushEvent.FAILED);
                        LOG.log(Level.WARNING, "handling a push outcome failed", e);
                    }
                });
    }

    private void settle(Attempt attempt, Outcome outcome) {
        if (outcome instanceof Outcome.RetryLater later && attempt.number() < settings.maxAttempts()) {
            metrics.pushed(ChatMetrics.PushEvent.RETRIED);
            Instant due = clock.instant().plus(backoff(attempt.number(), later.after()));
            synchronized (retries) {
                retries.add(new Attempt(attempt.subscription(), attempt.push(), attempt.number() + 1, due));
            }
            return;
        }
        pending.decrementAndGet();
        if (outcome instanceof Outcome.Delivered) {
            metrics.pushed(ChatMetrics.PushEvent.SENT);
        } else if (outcome instanceof Outcome.Gone gone) {
            // a store write: on the push threads, not on the HTTP client's
            work.execute(() -> {
                int removed = subscriptions.removeByAddress(attempt.subscription().target().address());
                for (int i = 0; i < removed; i++) {
                    metrics.pushed(ChatMetrics.PushEvent.SUBSCRIPTION_REMOVED);
                }
                LOG.info("push target of " + attempt.subscription().device() + " is gone (" + gone.reason() + "): "
                        + removed + " subscription(s) removed");
            });
        } else if (outcome instanceof Outcome.RetryLater later) {
            metrics.pushed(ChatMetrics.PushEvent.FAILED);
            LOG.warning("push to " + attempt.subscription().device() + " failed after " + attempt.number()
                    + " attempts: " + later.reason());
        } else if (outcome instanceof Outcome.Failed failed) {
            metrics.pushed(ChatMetrics.PushEvent.FAILED);
            LOG.warning("push to " + attempt.subscription().device() + " refused: " + failed.reason());
        }
    }

    /**
     * Exponential backoff with "equal jitter" (half fixed, half random), so that pushes refused together
     * do not come back together; a longer Retry-After is honoured up to the maximum.
     */
    private Duration backoff(int attemptsMade, Optional<Duration> retryAfter) {
        long first = settings.firstRetry().toMillis();
        long max = settings.maxRetry().toMillis();
        long exponential = Math.min(max, first << Math.min(attemptsMade - 1, 20));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long asked = retryAfter.map(Duration::toMillis).orElse(0L);
        return Duration.ofMillis(Math.min(max, Math.max(jittered, asked)));
    }
}
