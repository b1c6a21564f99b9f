package dev.chat.application.push;

import dev.chat.application.delivery.CountingMetrics;
import dev.chat.application.port.ChatMetrics.PushEvent;
import dev.chat.application.port.PushSender.Outcome;
import dev.chat.application.port.contract.ManualClock;
import dev.chat.application.port.memory.InMemoryChatMutes;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.application.port.memory.InMemoryPushSubscriptions;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static dev.chat.application.port.contract.PushSubscriptionsContract.webPush;
import static org.assertj.core.api.Assertions.assertThat;

class PushNotificationsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock();
    private final InMemoryPushSubscriptions subscriptions = new InMemoryPushSubscriptions();
    private final InMemoryChatMutes mutes = new InMemoryChatMutes();
    private final InMemoryOffsetStore offsets = new InMemoryOffsetStore();
    private final InMemoryMessageStore messages = new InMemoryMessageStore();
    private final ScriptedPushSender sender = new ScriptedPushSender();
    private final CountingMetrics metrics = new CountingMetrics();
    private final List<Runnable> queuedWork = new ArrayList<>();

    private final UserId alice = userId();
    private final Membership bob = new Membership(userId(), Role.MEMBER, Position.START);
    private final ChatId chat = chatId();

    private PushNotifications notifications(boolean includeText, int maxAttempts, int maxPending) {
        return new PushNotifications(subscriptions, mutes, offsets, messages, sender, metrics, clock, Runnable::run,
                new PushNotifications.Settings(INTERVAL, includeText, maxAttempts, Duration.ofSeconds(1),
                        Duration.ofSeconds(8), maxPending, 2, 0));
    }

    private final PushNotifications notifications = notifications(false, 3, 100);

    private PushSubscription subscribe(Membership who, String device, PushTarget target) {
        PushSubscription subscription = new PushSubscription(new Device(who.userId(), new DeviceId(device)), target,
                clock.instant());
        subscriptions.save(subscription);
        return subscription;
    }

    private Message stored(long position) {
        Message message = message(chat, position, alice);
        messages.storeAll(List.of(message));
        return message;
    }

    @Test
    void eachDeviceOfAnOfflineRecipientGetsOnePushSayingWhatWaitsWithoutTheText() {
        PushSubscription phone = subscribe(bob, "phone", webPush());
        PushSubscription bot = subscribe(bob, "bot", new PushTarget.Webhook(URI.create("https://hooks.example.com/x")));
        Message hello = stored(1);

        notifications.notifyWaiting(bob, hello);

        assertThat(sender.sent()).extracting(ScriptedPushSender.Sent::subscription).containsExactlyInAnyOrder(phone, bot);
        var notification = sender.sent().get(0).notification();
        assertThat(notification.recipient()).isEqualTo(bob.userId());
        assertThat(notification.chat()).isEqualTo(chat);
        assertThat(notification.message()).isEqualTo(hello.id());
        assertThat(notification.position()).isEqualTo(hello.position());
        assertThat(notification.waiting()).isEqualTo(1);
        assertThat(notification.text()).as("no text unless the operator turns it on").isEmpty();
        assertThat(sender.sent()).extracting(s -> s.notification().idempotencyKey()).doesNotHaveDuplicates();
        assertThat(metrics.pushes(PushEvent.SENT)).isEqualTo(2);
    }

    @Test
    void theTextGoesIntoThePushOnlyWhenTheOperatorTurnedItOn() {
        subscribe(bob, "phone", webPush());
        Message hello = stored(1);

        notifications(true, 3, 100).notifyWaiting(bob, hello);

        assertThat(sender.sent().get(0).notification().text()).contains(hello.body().text());
    }

    @Test
    void waitingCountsTheMessagesFromOthersAfterWhatTheDeviceAcknowledged() {
        PushSubscription phone = subscribe(bob, "phone", webPush());
        for (long position = 1; position <= 6; position++) {
            stored(position);
        }
        messages.storeAll(List.of(message(chat, 7, bob.userId())));
        Message latest = stored(8);
        offsets.advance(phone.device(), chat, new Position(2));

        notifications.notifyWaiting(bob, latest);

        assertThat(sender.sent().get(0).notification().waiting()).as("3 to 8 but bob's own 7").isEqualTo(5);
    }

    @Test
    void aMutedChatIsNotPushedAndUnmutingItPushesAgain() {
        subscribe(bob, "phone", webPush());
        mutes.setMuted(bob.userId(), chat, true);

        notifications.notifyWaiting(bob, stored(1));
        assertThat(sender.sent()).isEmpty();

        mutes.setMuted(bob.userId(), chat, false);
        clock.advance(INTERVAL);
        notifications.tick();
        notifications.notifyWaiting(bob, stored(2));
        assertThat(sender.sent()).hasSize(1);
    }

    @Test
    void aRecipientWithoutTargetsCostsNothingAndCountsNoFailure() {
        notifications.notifyWaiting(bob, stored(1));

        assertThat(sender.sent()).isEmpty();
        assertThat(metrics.pushes(PushEvent.FAILED)).isZero();
    }

    @Test
    void fiveMessagesInOneIntervalGiveOnePushAtOnceAndOneForTheLatestWhenTheIntervalEnds() {
        subscribe(bob, "phone", webPush());
        for (long position = 1; position <= 5; position++) {
            notifications.notifyWaiting(bob, stored(position));
            clock.advance(Duration.ofSeconds(1));
        }
        assertThat(sender.sent()).hasSize(1);

        clock.advance(INTERVAL);
        notifications.tick();

        assertThat(sender.sent()).extracting(s -> s.notification().position())
                .containsExactly(new Position(1), new Position(5));
        assertThat(sender.sent().get(1).notification().waiting()).isEqualTo(5);
    }

    @Test
    void aGoneTargetIsRemovedWithEverySubscriptionOfItsAddress() {
        PushTarget.WebPush endpoint = webPush();
        subscribe(bob, "phone", endpoint);
        sender.answer(new Outcome.Gone("HTTP 410"));

        notifications.notifyWaiting(bob, stored(1));

        assertThat(subscriptions.ofUser(bob.userId())).isEmpty();
        assertThat(metrics.pushes(PushEvent.SUBSCRIPTION_REMOVED)).isEqualTo(1);
        assertThat(notifications.pending()).isZero();
    }

    @Test
    void aPushRefusedForNowIsRetriedWithBackoffUnderTheSameIdempotencyKeyAndDeliveredOnce() {
        subscribe(bob, "phone", webPush());
        sender.answer(new Outcome.RetryLater(Optional.empty(), "HTTP 503"), new Outcome.RetryLater(Optional.empty(), "HTTP 503"));

        notifications.notifyWaiting(bob, stored(1));
        assertThat(sender.sent()).hasSize(1);
        notifications.tick();
        assertThat(sender.sent()).as("not before its backoff").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        notifications.tick();
        assertThat(sender.sent()).hasSize(2);
        clock.advance(Duration.ofSeconds(2));
        notifications.tick();

        assertThat(sender.sent()).hasSize(3);
        assertThat(sender.sent()).extracting(s -> s.notification().idempotencyKey()).containsOnly(
                sender.sent().get(0).notification().idempotencyKey());
        assertThat(metrics.pushes(PushEvent.RETRIED)).isEqualTo(2);
        assertThat(metrics.pushes(PushEvent.SENT)).isEqualTo(1);
        assertThat(notifications.pending()).isZero();
    }

    @Test
    void aRetryAfterLongerThanTheBackoffIsHonouredUpToTheMaximum() {
        subscribe(bob, "phone", webPush());
        sender.answer(new Outcome.RetryLater(Optional.of(Duration.ofSeconds(5)), "HTTP 429"),
                new Outcome.RetryLater(Optional.of(Duration.ofHours(1)), "HTTP 429"));

        notifications.notifyWaiting(bob, stored(1));
        clock.advance(Duration.ofMillis(4_999));
        notifications.tick();
        assertThat(sender.sent()).hasSize(1);
        clock.advance(Duration.ofMillis(1));
        notifications.tick();
        assertThat(sender.sent()).hasSize(2);

        clock.advance(Duration.ofSeconds(8));
        notifications.tick();
        assertThat(sender.sent()).as("an hour asked, eight seconds at most").hasSize(3);
    }

    @Test
    void attemptsAreBoundedAndARefusalIsNotRetried() {
        subscribe(bob, "phone", webPush());
        for (int i = 0; i < 3; i++) {
            sender.answer(new Outcome.RetryLater(Optional.empty(), "HTTP 500"));
        }
        notifications.notifyWaiting(bob, stored(1));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofSeconds(8));
            notifications.tick();
        }
        assertThat(sender.sent()).hasSize(3);
        assertThat(metrics.pushes(PushEvent.FAILED)).isEqualTo(1);

        sender.answer(new Outcome.Failed("HTTP 400"));
        notifications.notifyWaiting(bob, stored(2));
        clock.advance(Duration.ofSeconds(8));
        notifications.tick();
        assertThat(sender.sent()).hasSize(4);
        assertThat(metrics.pushes(PushEvent.FAILED)).isEqualTo(2);
        assertThat(notifications.pending()).isZero();
    }

    @Test
    void aPushServiceThatNeverAnswersHoldsAtMostMaxPendingPushesAndTheRestAreDroppedAndCounted() {
        PushNotifications bounded = notifications(false, 3, 2);
        sender.hang();
        List<Membership> recipients = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Membership recipient = new Membership(userId(), Role.MEMBER, Position.START);
            recipients.add(recipient);
            subscribe(recipient, "phone", webPush());
        }
        Message hello = stored(1);

        recipients.forEach(recipient -> bounded.notifyWaiting(recipient, hello));

        assertThat(sender.sent()).hasSize(2);
        assertThat(bounded.pending()).isEqualTo(2);
        assertThat(metrics.pushes(PushEvent.FAILED)).isEqualTo(3);
    }

    @Test
    void aRetrySendsWhatWasPreparedOnceInsteadOfPreparingAgain() {
        subscribe(bob, "phone", webPush());
        sender.answer(new Outcome.RetryLater(Optional.empty(), "HTTP 503"), new Outcome.RetryLater(Optional.empty(), "HTTP 503"));

        notifications.notifyWaiting(bob, stored(1));
        clock.advance(Duration.ofSeconds(8));
        notifications.tick();
        clock.advance(Duration.ofSeconds(8));
        notifications.tick();

        assertThat(sender.sent()).hasSize(3);
        assertThat(sender.prepared()).as("encrypted once for the device, sent three times").hasSize(1);
    }

    @Test
    void aHangingPushServiceHoldsAtMostItsLaneWhileAnotherServicesPushesGoThrough() {
        PushNotifications lanes = notifications(false, 3, 100);
        sender.hang();
        List<Membership> hung = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Membership recipient = new Membership(userId(), Role.MEMBER, Position.START);
            hung.add(recipient);
            subscribe(recipient, "phone", webPush());
        }
        Message hello = stored(1);
        hung.forEach(recipient -> lanes.notifyWaiting(recipient, hello));

        assertThat(sender.sent()).as("two sends under way to push.example.net, the lane's width").hasSize(2);
        assertThat(lanes.waitingForAPushService()).isEqualTo(3);
        assertThat(lanes.pending()).as("all five are pending, none dropped").isEqualTo(5);

        Membership elsewhere = new Membership(userId(), Role.MEMBER, Position.START);
        subscribe(elsewhere, "phone", new PushTarget.Webhook(URI.create("https://hooks.example.com/relay")));
        lanes.notifyWaiting(elsewhere, hello);
        assertThat(sender.sent()).as("another host's lane is free").hasSize(3);
        assertThat(sender.sent().get(2).subscription().target().address().getHost()).isEqualTo("hooks.example.com");
    }

    @Test
    void whenASendEndsTheNextInItsLaneStarts() {
        PushNotifications lanes = notifications(false, 3, 100);
        ScriptedPushSender.Gate gate = sender.gate();
        for (int i = 0; i < 3; i++) {
            Membership recipient = new Membership(userId(), Role.MEMBER, Position.START);
            subscribe(recipient, "phone", webPush());
            lanes.notifyWaiting(recipient, stored(i + 1));
        }
        assertThat(sender.sent()).hasSize(2);

        gate.release(new Outcome.Delivered());

        assertThat(sender.sent()).hasSize(3);
        assertThat(lanes.waitingForAPushService()).isZero();
    }

    @Test
    void workIsHandedToTheExecutorSoTheFanOutNeverWaitsForStoresOrSenders() {
        subscribe(bob, "phone", webPush());
        PushNotifications deferred = new PushNotifications(subscriptions, mutes, offsets, messages, sender, metrics, clock,
                queuedWork::add, new PushNotifications.Settings(INTERVAL, false, 3, Duration.ofSeconds(1),
                Duration.ofSeconds(8), 100, 2, 0));

        deferred.notifyWaiting(bob, stored(1));
        assertThat(sender.sent()).isEmpty();

        queuedWork.forEach(Runnable::run);
        assertThat(sender.sent()).hasSize(1);
    }
}
