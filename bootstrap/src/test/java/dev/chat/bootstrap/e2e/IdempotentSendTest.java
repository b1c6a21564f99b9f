package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Resending a frame with the same client message id never stores a second message. */
class IdempotentSendTest extends EmbeddedServerTest {

    @Test
    void theSameClientMessageIdYieldsTheSameAcknowledgementAndOneStoredMessage() {
        ChatUser lea = ChatUser.signUp(api, "lea");
        ChatUser max = ChatUser.signUp(api, "max");
        String chat = lea.openDirectChatWith(api, max);
        try (WsClient phone = WsClient.connect(server.gateway(), lea.token(), "phone")) {
            phone.nextOfType("caught_up");
            Map<String, Object> first = phone.sendMessage(chat, "retry-me", "only once please");
            Map<String, Object> again = phone.sendMessage(chat, "retry-me", "only once please");
            assertThat(again).isEqualTo(first);
        }
        try (WsClient reconnected = WsClient.connect(server.gateway(), lea.token(), "phone")) {
            reconnected.nextOfType("caught_up");
            Map<String, Object> afterReconnect = reconnected.sendMessage(chat, "retry-me", "only once please");
            assertThat(afterReconnect).containsEntry("type", "accepted");
        }
        ApiClient.Response overRest = api.post("/api/chats/" + chat + "/messages", lea.token(),
                Map.of("clientMessageId", "retry-me", "body", "only once please", "device", "phone"));
        assertThat(overRest.status()).isEqualTo(201);
        ApiClient.Response history = api.get("/api/chats/" + chat + "/messages", max.token());
        assertThat(Json.object(history.body()).get("messages")).asList().hasSize(1);
    }
}
