package dev.chat.adapter.out.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chat.adapter.out.push.webhook.WebhookRequests;
import dev.chat.adapter.out.push.webpush.WebPushRequests;
import dev.chat.application.port.PushSender.Notification;
import dev.chat.application.port.PushSender.Outcome;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP sender against a loopback push service that checks VAPID and decrypts, and a webhook receiver that checks signatures. */
class HttpPushSenderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PushTestKeys keys = new PushTestKeys();
    private final TestPushService pushService = new TestPushService();
    private final TestWebhookReceiver receiver = new TestWebhookReceiver(keys.webhookSecret());
    private final HttpPushSender sender = sender(Clock.systemUTC());

    private final UserId bob = new UserId(UUID.randomUUID());
    private final ChatId chat = new ChatId(UUID.randomUUID());
    private final Notification notification = new Notification(bob, chat, new MessageId(UUID.randomUUID()),
            new Position(42), 3, Instant.parse("2026-12-06T10:15:30Z"), Optional.empty(), "key-1");

    private HttpPushSender sender(Clock clock) {
        return new HttpPushSender(HttpPushSender.newClient(Duration.ofSeconds(2)),
                new WebPushRequests(keys, "mailto:ops@example.com", Duration.ofHours(6), "high", Clock.systemUTC()),
                new WebhookRequests(keys, clock), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        pushService.close();
        receiver.close();
    }

    @Test
    void aWebPushIsSignedWithTheServersVapidKeyAndDecryptsWithTheSubscriptionsPrivateKeyToTheDocumentedPayload()
            throws Exception {
        TestPushService.Subscription browser = pushService.subscribe();
        PushSubscription subscription = new PushSubscription(new Device(bob, new DeviceId("browser")),
                new PushTarget.WebPush(browser.endpoint(), browser.p256dh(), browser.auth()), Instant.now());

        Outcome outcome = sender.prepare(subscription, notification).send().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(new Outcome.Delivered());
        assertThat(pushService.refused()).isEmpty();
        TestPushService.Received push = pushService.delivered(browser).get(0);
        assertThat(JSON.readValue(push.payload(), Map.class)).isEqualTo(Map.of("type", "message_waiting",
                "chatId", chat.value().toString(), "messageId", notification.message().value().toString(),
                "position", 42, "waiting", 3, "sentAt", "2026-12-06T10:15:30Z"));
        assertThat(push.vapidSubject()).isEqualTo("mailto:ops@example.com");
        assertThat(push.vapidPublicKey()).isEqualTo(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(keys.vapid().publicKey()));
        assertThat(push.headers()).containsEntry("ttl", "21600").containsEntry("urgency", "high")
                .containsEntry("topic", Base64.getUrlEncoder().withoutPadding().encodeToString(ByteBuffer.allocate(16)
                        .putLong(chat.value().getMostSignificantBits())
                        .putLong(chat.value().getLeastSignificantBits()).array()));
        assertThat(push.headers().get("topic")).hasSize(22);
    }

    @Test
    void theTextIsInThePayloadOnlyWhenTheNotificationCarriesIt() throws Exception {
        TestPushService.Subscription browser = pushService.subscribe();
        PushSubscription subscription = new PushSubscription(new Device(bob, new DeviceId("browser")),
                new PushTarget.WebPush(browser.endpoint(), browser.p256dh(), browser.auth()), Instant.now());
        Notification withText = new Notification(bob, chat, notification.message(), notification.position(), 1,
                notification.sentAt(), Optional.of("see you at 8 ✓"), "key-2");

        sender.prepare(subscription, withText).send().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(JSON.readValue(pushService.delivered(browser).get(0).payload(), Map.class))
                .containsEntry("text", "see you at 8 ✓");
    }

    @Test
    void aWebhookIsSignedOverIdTimestampAndBodyAndNamesTheDeviceItIsFor() throws Exception {
        PushSubscription subscription = new PushSubscription(new Device(bob, new DeviceId("relay")),
                new PushTarget.Webhook(receiver.url()), Instant.now());

        Outcome outcome = sender.prepare(subscription, notification).send().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isEqualTo(new Outcome.Delivered());
        assertThat(receiver.refused()).isEmpty();
        assertThat(receiver.processed()).hasSize(1);
        assertThat(receiver.processed().get(0).id()).isEqualTo("key-1");
        assertThat(JSON.readValue(receiver.processed().get(0).body(), Map.class))
                .containsEntry("userId", bob.value().toString()).containsEntry("deviceId", "relay")
                .containsEntry("chatId", chat.value().toString()).doesNotContainKey("text");
    }

    @Test
    void aReceiverRefusesAnOldTimestampSoACapturedRequestCannotBeReplayedLater() throws Exception {
        HttpPushSender slowClock = sender(Clock.fixed(Instant.now().minus(Duration.ofMinutes(10)), ZoneOffset.UTC));
        PushSubscription subscription = new PushSubscription(new Device(bob, new DeviceId("relay")),
                new PushTarget.Webhook(receiver.url()), Instant.now());

        Outcome outcome = slowClock.prepare(subscription, notification).send().toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(outcome).isInstanceOf(Outcome.Failed.class);
        assertThat(receiver.refused()).singleElement().asString().contains("too far");
        assertThat(receiver.processed()).isEmpty();
    }

    @Test
    void aPushServiceThatNeverAnswersEndsInARetryAfterTheRequestTimeoutWithoutHoldingAThread() throws Exception {
        HttpPushSender impatient = new HttpPushSender(HttpPushSender.newClient(Duration.ofSeconds(2)),
                new WebPushRequests(keys, "mailto:ops@example.com", Duration.ofHours(6), "normal", Clock.systemUTC()),
                new WebhookRequests(keys, Clock.systemUTC()), Duration.ofMillis(300));
        TestPushService.Subscription browser = pushService.subscribe();
        pushService.hang();
        PushSubscription subscription = new PushSubscription(new Device(bob, new DeviceId("browser")),
                new PushTarget.WebPush(browser.endpoint(), browser.p256dh(), browser.auth()), Instant.now());

        var pending = impatient.prepare(subscription, notification).send().toCompletableFuture();
        assertThat(pending).as("send returns before any answer").isNotDone();

        assertThat(pending.get(10, TimeUnit.SECONDS)).isInstanceOf(Outcome.RetryLater.class);
    }
}
