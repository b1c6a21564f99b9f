package dev.chat.bootstrap.e2e;

import com.nimbusds.jose.jwk.JWK;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input gets its documented error code, changes nothing, and the connection (or the server)
 * keeps serving: after every refusal the same client, and another one, still chat.
 */
class BadInputTest extends EmbeddedServerTest {
    private static ChatUser ivy;
    private static ChatUser jon;
    private static String chat;

    @BeforeAll
    static void setUp() {
        ivy = ChatUser.signUp(api, "ivy");
        jon = ChatUser.signUp(api, "jon");
        chat = ivy.openDirectChatWith(api, jon);
    }

    @Test
    void eachBadFrameGetsItsErrorCodeAndTheConnectionKeepsServing() {
        try (WsClient ws = WsClient.connect(server.gateway(), ivy.token(), "phone")) {
            ws.nextOfType("caught_up");

            ws.sendRaw("{not json");
            assertThat(ws.nextOfType("error")).containsEntry("code", "malformed_json");
            ws.sendRaw("[1,2,3]");
            assertThat(ws.nextOfType("error")).containsEntry("code", "malformed_json");
            ws.sendRaw("{\"type\":\"send\",\"id\":\"x\",\"chatId\":\"" + chat + "\",\"body\":{\"nested\":true}}");
            assertThat(ws.nextOfType("error")).containsEntry("code", "malformed_json");

            ws.send(Map.of("type", "teleport", "id", "f1"));
            assertThat(ws.nextOfType("error")).containsEntry("code", "unknown_type").containsEntry("id", "f1");
            ws.send(Map.of("id", "f2"));
            assertThat(ws.nextOfType("error")).containsEntry("code", "missing_field").containsEntry("id", "f2");
            ws.send(Map.of("type", "send", "id", "f3", "body", "where to?"));
            assertThat(ws.nextOfType("error")).containsEntry("code", "missing_field").containsEntry("id", "f3");
            ws.send(Map.of("type", "send", "chatId", chat, "body", "no id"));
            assertThat(ws.nextOfType("error")).containsEntry("code", "missing_field");

            assertThat(ws.sendMessage(chat, "f4", "x".repeat(4097))).containsEntry("code", "body_too_large");
            assertThat(ws.sendMessage(chat, "f5", "   ")).containsEntry("code", "body_empty");
            assertThat(ws.sendMessage(chat, "bad id with spaces", "hi")).containsEntry("code", "invalid_input");
            assertThat(ws.sendMessage("not-a-uuid", "f6", "hi")).containsEntry("code", "invalid_input");
            assertThat(ws.sendMessage(UUID.randomUUID().toString(), "f7", "hi"))
                    .as("unknown chat").containsEntry("code", "chat_not_found");

            ChatUser kai = ChatUser.signUp(api, "kai");
            String someoneElses = kai.openDirectChatWith(api, jon);
            assertThat(ws.sendMessage(someoneElses, "f8", "let me in"))
                    .as("someone else's chat looks like an unknown one").containsEntry("code", "chat_not_found");
            ws.send(Map.of("type", "history", "id", "f9", "chatId", someoneElses));
            assertThat(ws.nextOfType("error")).containsEntry("code", "chat_not_found").containsEntry("id", "f9");
            ws.send(Map.of("type", "ack", "id", "f10", "chatId", chat, "position", Long.MAX_VALUE));
            assertThat(ws.nextOfType("error")).containsEntry("code", "invalid_input").containsEntry("id", "f10");

            assertThat(ws.sendMessage(chat, "ok-1", "still here")).containsEntry("type", "accepted");
        }
        Map<String, Object> history = api.get("/api/chats/" + chat + "/messages", jon.token()).json();
        assertThat(history.get("messages")).as("only the valid message was stored").asList().hasSize(1);
    }

    @Test
    void aBinaryMessageAndMembersOfTheWrongTypeGetMalformedJsonWithTheFramesIdWhenItCanBeRead() {
        try (WsClient ws = WsClient.connect(server.gateway(), ivy.token(), "tablet")) {
            ws.nextOfType("caught_up");

            ws.sendBinary(new byte[]{1, 2, 3});
            assertThat(ws.nextOfType("error")).containsEntry("code", "malformed_json")
                    .as("absent, not null: the frame had no id").doesNotContainKey("id");

            ws.sendRaw("{\"type\":42,\"id\":\"w1\"}");
            assertThat(ws.nextOfType("error")).containsEntry("code", "malformed_json").containsEntry("id", "w1");
            ws.sendRaw("{\"type\":\"send\",\"id\":\"w2\",\"chatId\":\"" + chat + "\",\"body\":7}");
            assertThat(ws.nextOfType("error")).containsEntry("code", "malformed_json").containsEntry("id", "w2");
            ws.sendRaw("{\"type\":\"history\",\"id\":\"w3\",\"chatId\":\"" + chat + "\",\"limit\":\"ten\"}");
            assertThat(ws.nextOfType("error")).containsEntry("code", "malformed_json").containsEntry("id", "w3");
            ws.sendRaw("{\"type\":\"presence\",\"id\":\"w4\",\"users\":[1,2]}");
            assertThat(ws.nextOfType("error")).containsEntry("code", "malformed_json").containsEntry("id", "w4");
            ws.sendRaw("{\"type\":\"ping\",\"id\":17}");
            assertThat(ws.nextOfType("error")).as("an id that is not a string is not echoed")
                    .containsEntry("code", "malformed_json").doesNotContainKey("id");

            assertThat(ws.sendMessage(chat, "w-ok", "the connection still serves")).containsEntry("type", "accepted");
        }
    }

    @Test
    void aFrameOverTheSizeLimitClosesTheConnectionWith1009AndOthersKeepChatting() {
        try (WsClient jonPhone = WsClient.connect(server.gateway(), jon.token(), "phone");
             WsClient ivyTablet = WsClient.connect(server.gateway(), ivy.token(), "tablet")) {
            jonPhone.nextOfType("caught_up");
            ivyTablet.nextOfType("caught_up");
            WsClient flooder = WsClient.connect(server.gateway(), ivy.token(), "flooder");
            flooder.nextOfType("caught_up");
            flooder.sendRaw("{\"type\":\"send\",\"id\":\"big\",\"chatId\":\"" + chat + "\",\"body\":\""
                    + "y".repeat(20_000) + "\"}");
            assertThat(flooder.awaitClose()).isEqualTo(1009);

            Map<String, Object> ack = ivyTablet.sendMessage(chat, "after-flood", "the server is fine");
            assertThat(ack).containsEntry("type", "accepted");
            assertThat(jonPhone.next(f -> "message".equals(f.get("type")) && ack.get("messageId").equals(f.get("messageId"))))
                    .containsEntry("body", "the server is fine");
        }
    }

    @Test
    void badTokensAreRefusedWithPolicyViolationAndTheirReason() {
        JWK key = Tokens.serverKey(server);
        String issuer = Tokens.issuerOf(ivy.token());
        String subject = Tokens.subjectOf(ivy.token());
        Map<String, String> cases = new HashMap<>();
        cases.put("token_expired", Tokens.signed(key, issuer, "chat", subject, Instant.now().minusSeconds(3600)));
        cases.put("token_audience_invalid", Tokens.signed(key, issuer, "another-service", subject,
                Instant.now().plusSeconds(600)));
        cases.put("token_issuer_invalid", Tokens.signed(key, "https://evil.example", "chat", subject,
                Instant.now().plusSeconds(600)));
        cases.put("token_signature_invalid", Tokens.forged(key, issuer, "chat", subject));
        cases.put("token_malformed", "not.a.jwt");

        for (Map.Entry<String, String> bad : cases.entrySet()) {
            WsClient refused = WsClient.connect(server.gateway(), bad.getValue(), "phone");
            assertThat(refused.awaitClose()).as(bad.getKey()).isEqualTo(1008);
            assertThat(refused.closeReason()).isEqualTo(bad.getKey());

            ApiClient.Response rest = api.get("/api/me", bad.getValue());
            assertThat(rest.status()).as(bad.getKey()).isEqualTo(401);
            assertThat(rest.json()).containsEntry("code", bad.getKey());
        }
        WsClient anonymous = WsClient.connect(server.gateway(), null, "phone");
        assertThat(anonymous.awaitClose()).isEqualTo(1008);
        assertThat(anonymous.closeReason()).isEqualTo("token_missing");
        assertThat(api.get("/api/me", null).json()).containsEntry("code", "token_missing");

        try (WsClient browser = WsClient.connectWithSubprotocolToken(server.gateway(), ivy.token(), "browser")) {
            assertThat(browser.nextOfType("caught_up")).containsKey("messages");
            assertThat(browser.subprotocol()).as("the token is never echoed").isEqualTo("chat.v1");
        }
    }

    @Test
    void badRestRequestsGetProblemDetails() {
        ApiClient.Response malformed = api.postRaw("/api/groups", ivy.token(), "{oops");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.contentType()).startsWith("application/problem+json");

        ApiClient.Response noName = api.post("/api/groups", ivy.token(), Map.of("members", java.util.List.of()));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.json()).containsEntry("code", "invalid_input");

        ApiClient.Response strangerChat = api.get("/api/chats/" + UUID.randomUUID(), ivy.token());
        assertThat(strangerChat.status()).isEqualTo(404);
        assertThat(strangerChat.json()).containsEntry("code", "chat_not_found");

        ApiClient.Response badUuid = api.get("/api/chats/xyz/messages", ivy.token());
        assertThat(badUuid.json()).containsEntry("code", "invalid_input");

        ApiClient.Response tooLong = api.post("/api/chats/" + chat + "/messages", ivy.token(),
                Map.of("clientMessageId", "big", "body", "z".repeat(5000)));
        assertThat(tooLong.json()).containsEntry("code", "body_too_large").containsEntry("status", 400);

        ApiClient.Response taken = api.post("/api/auth/signup", null,
                Map.of("username", ivy.username(), "password", "another password"));
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json()).containsEntry("code", "username_taken");

        ApiClient.Response wrongPassword = api.post("/api/auth/token", null,
                Map.of("username", ivy.username(), "password", "wrong password"));
        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.json()).containsEntry("code", "bad_credentials");

        assertThat(api.get("/api/me", ivy.token()).status()).as("still serving").isEqualTo(200);
    }
}
