package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What operators and integrators rely on: health, readiness, Prometheus metrics, OpenAPI, JWKS. */
class OperationsTest extends EmbeddedServerTest {

    @Test
    void healthAndReadinessAnswerUp() {
        ApiClient.Response health = api.get("/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json()).containsEntry("status", "UP");
        assertThat(api.get("/health/readiness", null).status()).isEqualTo(200);
        assertThat(api.get("/health/liveness", null).status()).isEqualTo(200);
    }

    @Test
    void prometheusExposesTheChatMeters() {
        ChatUser a = ChatUser.signUp(api, "meter");
        ChatUser b = ChatUser.signUp(api, "reader");
        String chat = a.openDirectChatWith(api, b);
        try (WsClient bPhone = WsClient.connect(server.gateway(), b.token(), "phone");
             WsClient aPhone = WsClient.connect(server.gateway(), a.token(), "phone")) {
            bPhone.nextOfType("caught_up");
            aPhone.nextOfType("caught_up");
            aPhone.sendMessage(chat, "m1", "count me");
            bPhone.messages(chat, 1);
            String metrics = api.get("/prometheus", null).body();
            assertThat(metrics).contains("chat_connections_open", "chat_messages_accepted_total",
                    "chat_messages_delivered_seconds_count", "chat_messages_delivered_seconds_bucket",
                    "chat_messages_pending");
            assertThat(metrics).doesNotContain("count me").doesNotContain(a.token());
        }
    }

    @Test
    void theOpenApiDocumentIsServed() {
        ApiClient.Response openApi = api.get("/swagger/chat-api-1.0.yml", null);
        assertThat(openApi.status()).isEqualTo(200);
        assertThat(openApi.body()).contains("openapi: 3", "/api/chats/{chatId}/messages", "/api/groups");
    }

    @Test
    void theEmbeddedIssuerPublishesOnlyPublicKeys() {
        ApiClient.Response jwks = api.get("/.well-known/jwks.json", null);
        assertThat(jwks.status()).isEqualTo(200);
        assertThat(jwks.body()).contains("\"keys\"", "\"kid\"").doesNotContain("\"d\"");
    }
}
