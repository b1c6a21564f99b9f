package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Push targets over REST, on the embedded default: registered, listed, replaced, removed; bad input changes nothing. */
class PushSubscriptionsTest {
    private static RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of("chat.presence.udp.port", 0));
        api = new ApiClient(server.api());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static Map<String, Object> webPush(String endpoint) {
        byte[] key = new byte[65];
        key[0] = 4;
        return Map.of("webPush", Map.of("endpoint", endpoint, "expirationTime", 0,
                "keys", Map.of("p256dh", Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                        "auth", Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]))));
    }

    private static List<Object> listOf(ChatUser user) {
        ApiClient.Response list = api.get("/api/me/push", user.token());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return Json.array(list.body());
    }

    @Test
    void aDeviceRegistersAWebPushSubscriptionReplacesItWithAWebhookAndRemovesIt() {
        ChatUser ada = ChatUser.signUp(api, "push-ada");
        ApiClient.Response registered = api.put("/api/me/devices/browser/push", ada.token(),
                webPush("https://push.example.net/send/abc"));
        assertThat(registered.status()).as(registered.body()).isEqualTo(200);
        assertThat(registered.json()).containsEntry("deviceId", "browser").containsEntry("kind", "web-push")
                .containsEntry("address", "https://push.example.net/send/abc").doesNotContainKey("keys");

        ApiClient.Response replaced = api.put("/api/me/devices/browser/push", ada.token(),
                Map.of("webhook", Map.of("url", "https://hooks.example.com/chat")));
        assertThat(replaced.json()).containsEntry("kind", "webhook");
        assertThat(listOf(ada)).hasSize(1);
        assertThat(listOf(ChatUser.signUp(api, "push-other"))).as("another user's list").isEmpty();

        assertThat(api.delete("/api/me/devices/browser/push", ada.token()).status()).isEqualTo(204);
        assertThat(listOf(ada)).isEmpty();
        assertThat(api.delete("/api/me/devices/browser/push", ada.token()).status()).as("again").isEqualTo(204);
    }

    @Test
    void badTargetsAreRefusedWithInvalidInputAndStoreNothing() {
        ChatUser bob = ChatUser.signUp(api, "push-bob");
        api.put("/api/me/devices/phone/push", bob.token(), webPush("https://push.example.net/send/kept"));
        List<Map<String, Object>> refused = List.of(
                webPush("http://push.example.net/not-https"),
                webPush("https://user:pw@push.example.net/credentials"),
                webPush("not a url at all"),
                Map.of("webPush", Map.of("endpoint", "https://push.example.net/x",
                        "keys", Map.of("p256dh", "c2hvcnQ", "auth", "AAAAAAAAAAAAAAAAAAAAAA"))),
                Map.of("webhook", Map.of("url", "https://hooks.example.com/x"), "webPush", Map.of()),
                Map.of());
        for (Map<String, Object> body : refused) {
            ApiClient.Response response = api.put("/api/me/devices/phone/push", bob.token(), body);
            assertThat(response.status()).as(body + " -> " + response.body()).isEqualTo(400);
            assertThat(response.json()).containsEntry("code", "invalid_input");
        }
        assertThat(api.put("/api/me/devices/bad%20id/push", bob.token(),
                webPush("https://push.example.net/x")).status()).as("a malformed device id").isEqualTo(400);
        List<Object> kept = listOf(bob);
        assertThat(kept).hasSize(1);
        assertThat(((Map<?, ?>) kept.get(0)).get("address")).isEqualTo("https://push.example.net/send/kept");
        assertThat(api.get("/api/me/push", null).status()).as("without a token").isEqualTo(401);
    }

    @Test
    void aMemberMutesAChatForThemselfAndNobodyElseCan() {
        ChatUser cy = ChatUser.signUp(api, "mute-cy");
        ChatUser dee = ChatUser.signUp(api, "mute-dee");
        ChatUser stranger = ChatUser.signUp(api, "mute-stranger");
        String chat = cy.openDirectChatWith(api, dee);
        String mute = "/api/chats/" + chat + "/mute";

        assertThat(api.get(mute, cy.token()).json()).containsEntry("muted", false);
        ApiClient.Response muted = api.put(mute, cy.token(), Map.of("muted", true));
        assertThat(muted.status()).as(muted.body()).isEqualTo(200);
        assertThat(muted.json()).containsEntry("muted", true);
        assertThat(api.get(mute, dee.token()).json()).as("the other member's own setting").containsEntry("muted", false);

        ApiClient.Response foreign = api.put(mute, stranger.token(), Map.of("muted", true));
        assertThat(foreign.status()).isEqualTo(404);
        assertThat(foreign.json()).containsEntry("code", "chat_not_found");
        assertThat(api.put(mute, cy.token(), Map.of()).status()).as("muted missing").isEqualTo(400);
        assertThat(api.put(mute, cy.token(), Map.of("muted", false)).json()).containsEntry("muted", false);
    }
}
