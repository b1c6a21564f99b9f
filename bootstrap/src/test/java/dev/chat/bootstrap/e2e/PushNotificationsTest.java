package dev.chat.bootstrap.e2e;

import dev.chat.adapter.out.push.TestPushService;
import dev.chat.adapter.out.push.TestWebhookReceiver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Push notifications end to end on the embedded default: messages sent over REST to users with no
 * device connected reach a Web Push service on loopback (which checks the VAPID token and decrypts
 * each push with the subscription's private key) and a webhook receiver (which checks signatures
 * and processes each idempotency key once). Absence is shown by order, not by waiting: pushes for
 * one recipient go out in the order of their messages, so once a later push arrived, an earlier
 * one that was due would have arrived too.
 */
class PushNotificationsTest {
    private static final Duration INTERVAL = Duration.ofSeconds(3);
    private static final byte[] WEBHOOK_SECRET = new byte[32];
    private static RunningServer server;
    private static ApiClient api;
    private static TestPushService pushService;
    private static TestWebhookReceiver webhooks;

    @BeforeAll
    static void start() {
        new SecureRandom().nextBytes(WEBHOOK_SECRET);
        pushService = new TestPushService();
        webhooks = new TestWebhookReceiver(WEBHOOK_SECRET);
        server = RunningServer.start(Map.of("chat.presence.udp.port", 0,
                "chat.push.interval", INTERVAL.toMillis() + "ms",
                "chat.push.first-retry", "200ms",
                "chat.push.max-retry", "1s",
                "chat.push.tick", "50ms",
                "chat.push.web-push.subject", "mailto:ops@chat.example",
                "chat.push.webhook.secret", Base64.getUrlEncoder().withoutPadding().encodeToString(WEBHOOK_SECRET)));
        api = new ApiClient(server.api());
    }

    @AfterAll
    static void stop() {
        server.close();
        pushService.close();
        webhooks.close();
    }

    private static TestPushService.Subscription subscribeBrowser(ChatUser user, String device) {
        TestPushService.Subscription browser = pushService.subscribe();
        ApiClient.Response registered = api.put("/api/me/devices/" + device + "/push", user.token(),
                Map.of("webPush", Map.of("endpoint", browser.endpoint().toString(),
                        "keys", Map.of("p256dh", browser.p256dh(), "auth", browser.auth()))));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        return browser;
    }

    private static String send(ChatUser from, String chat, String clientId, String text) {
        ApiClient.Response sent = api.post("/api/chats/" + chat + "/messages", from.token(),
                Map.of("clientMessageId", clientId, "body", text));
        assertThat(sent.status()).as(sent.body()).isIn(200, 201);
        return (String) sent.json().get("id");
    }

    private static List<Map<String, Object>> pushesTo(TestPushService.Subscription browser) {
        return pushService.delivered(browser).stream().map(r -> Json.object(r.payload())).toList();
    }

    @Test
    void aMessageToAnOfflineUserGivesExactlyOneDecryptablePushWithTheDocumentedPayloadAndNoText() {
        ChatUser ann = ChatUser.signUp(api, "push-ann");
        ChatUser bob = ChatUser.signUp(api, "push-bob");
        TestPushService.Subscription browser = subscribeBrowser(bob, "browser");
        String chat = ann.openDirectChatWith(api, bob);

        String messageId = send(ann, chat, "p1", "a secret plan");

        await().atMost(Duration.ofSeconds(10)).until(() -> pushService.delivered(browser).size() == 1);
        TestPushService.Received push = pushService.delivered(browser).get(0);
        assertThat(Json.object(push.payload())).containsEntry("type", "message_waiting").containsEntry("chatId", chat)
                .containsEntry("messageId", messageId).containsEntry("waiting", 1).containsKeys("position", "sentAt")
                .doesNotContainKey("text");
        assertThat(push.payload()).doesNotContain("secret plan");
        assertThat(push.vapidSubject()).isEqualTo("mailto:ops@chat.example");
        assertThat(push.vapidPublicKey()).as("the key the API serves to browsers")
                .isEqualTo(api.get("/api/push/web-push-key", bob.token()).json().get("applicationServerKey"));
        assertThat(push.headers()).containsKeys("ttl", "urgency", "topic");
        assertThat(pushService.refused()).isEmpty();
    }

    @Test
    void aUserWithAConnectedDeviceGetsNoPushNorDoesTheSenderOrAMutedChat() {
        ChatUser ann = ChatUser.signUp(api, "push-ann");
        ChatUser carl = ChatUser.signUp(api, "push-carl");
        ChatUser dora = ChatUser.signUp(api, "push-dora");
        TestPushService.Subscription annBrowser = subscribeBrowser(ann, "browser");
        TestPushService.Subscription carlBrowser = subscribeBrowser(carl, "browser");
        TestPushService.Subscription doraBrowser = subscribeBrowser(dora, "browser");
        String withCarl = ann.openDirectChatWith(api, carl);
        String withDora = ann.openDirectChatWith(api, dora);
        String muted = carl.openDirectChatWith(api, dora);
        assertThat(api.put("/api/chats/" + muted + "/mute", dora.token(), Map.of("muted", true)).status()).isEqualTo(200);

        try (WsClient carlsPhone = WsClient.connect(server.gateway(), carl.token(), "phone")) {
            carlsPhone.nextOfType("caught_up");
            send(ann, withCarl, "c1", "carl is online");
            carlsPhone.messages(withCarl, 1);
            send(carl, muted, "m1", "dora muted this chat");
            send(ann, withDora, "d1", "dora is offline");
            await().atMost(Duration.ofSeconds(10)).until(() -> pushService.delivered(doraBrowser).size() == 1);
        }

        assertThat(pushesTo(doraBrowser)).extracting(p -> p.get("chatId")).as("not the muted chat").containsExactly(withDora);
        assertThat(pushService.delivered(carlBrowser)).as("carl had a device connected").isEmpty();
        assertThat(pushService.delivered(annBrowser)).as("the sender").isEmpty();
    }

    @Test
    void fiveMessagesInOneChatWhileOfflineGiveOnePushAtOnceAndOneForTheLatestAfterTheInterval() {
        ChatUser ann = ChatUser.signUp(api, "push-ann");
        ChatUser eve = ChatUser.signUp(api, "push-eve");
        TestPushService.Subscription browser = subscribeBrowser(eve, "browser");
        String chat = ann.openDirectChatWith(api, eve);

        long started = System.nanoTime();
        String last = null;
        for (int i = 1; i <= 5; i++) {
            last = send(ann, chat, "burst-" + i, "message " + i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pushService.delivered(browser).size() == 2);
        long tookMillis = (System.nanoTime() - started) / 1_000_000;

        List<Map<String, Object>> pushes = pushesTo(browser);
        assertThat(pushes.get(1)).containsEntry("messageId", last).containsEntry("waiting", 5);
        assertThat(tookMillis).as("the second push waited for the end of the interval")
                .isGreaterThanOrEqualTo(INTERVAL.toMillis() - 500);
        assertThat(pushService.delivered(browser)).extracting(r -> r.headers().get("topic")).as("one topic per chat")
                .containsOnly(pushService.delivered(browser).get(0).headers().get("topic"));
    }

    @Test
    void aGoneSubscriptionIsRemovedAndOneRefusedTwiceWith503IsDeliveredOnceAtTheThirdAttempt() {
        ChatUser ann = ChatUser.signUp(api, "push-ann");
        ChatUser fay = ChatUser.signUp(api, "push-fay");
        ChatUser gus = ChatUser.signUp(api, "push-gus");
        TestPushService.Subscription fays = subscribeBrowser(fay, "browser");
        TestPushService.Subscription gus503 = subscribeBrowser(gus, "browser");
        pushService.answer(fays, 410);
        pushService.answer(gus503, 503, 503);

        send(ann, ann.openDirectChatWith(api, fay), "g1", "to fay");
        send(ann, ann.openDirectChatWith(api, gus), "g2", "to gus");

        await().atMost(Duration.ofSeconds(10)).until(() -> Json.array(api.get("/api/me/push", fay.token()).body()).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> pushService.delivered(gus503).size() == 1);
        assertThat(pushService.received()).filteredOn(r -> r.subscription().equals(gus503.id()))
                .extracting(TestPushService.Received::answeredWith).containsExactly(503, 503, 201);
        assertThat(Json.array(api.get("/api/me/push", gus.token()).body())).hasSize(1);
    }

    @Test
    void aWebhookIsSignedAndItsIdempotencyKeyIsTheSameOnTheRetrySoTheReceiverProcessesItOnce() {
        ChatUser ann = ChatUser.signUp(api, "push-ann");
        ChatUser hal = ChatUser.signUp(api, "push-hal");
        ApiClient.Response registered = api.put("/api/me/devices/relay/push", hal.token(),
                Map.of("webhook", Map.of("url", webhooks.url().toString())));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        webhooks.answer(503);

        String messageId = send(ann, ann.openDirectChatWith(api, hal), "w1", "to hal");

        await().atMost(Duration.ofSeconds(10)).until(() -> !webhooks.processed().isEmpty());
        assertThat(webhooks.refused()).isEmpty();
        assertThat(webhooks.idsSeen()).hasSize(2).containsOnly(webhooks.processed().get(0).id());
        assertThat(webhooks.processed()).hasSize(1);
        assertThat(Json.object(webhooks.processed().get(0).body())).containsEntry("messageId", messageId)
                .containsEntry("userId", hal.id()).containsEntry("deviceId", "relay");
        assertThat(webhooks.processed().get(0).id()).contains(messageId);
    }

    @Test
    void pushesAreCountedForOperators() {
        ApiClient.Response metrics = api.get("/prometheus", null);
        assertThat(metrics.body()).contains("chat_push_total{event=\"sent\"}", "chat_push_total{event=\"retried\"}",
                "chat_push_total{event=\"failed\"}", "chat_push_total{event=\"subscription_removed\"}");
    }
}
