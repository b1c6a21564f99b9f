package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A text message is one JSON object: anything after it makes it not JSON (malformed_json). The
 * fuzzer found the gateway reading the first value and ignoring the rest, so that
 * {@code {"type":"ping"}{"type":"send",...}} was a ping, and {@code {}{...}} a frame without a type.
 */
class TrailingDataTest extends EmbeddedServerTest {
    private static ChatUser pia;
    private static String chat;

    @BeforeAll
    static void setUp() {
        pia = ChatUser.signUp(api, "pia");
        chat = pia.openDirectChatWith(api, ChatUser.signUp(api, "quin"));
    }

    @Test
    void aFrameWithAnythingButWhitespaceAfterItsObjectIsMalformed() {
        try (WsClient ws = WsClient.connect(server.gateway(), pia.token(), "phone")) {
            ws.nextOfType("caught_up");
            for (String trailing : new String[]{"{\"type\":\"ping\",\"id\":\"t1\"}{\"type\":\"ping\"}",
                    "{\"type\":\"ping\",\"id\":\"t2\"} x", "{\"type\":\"ping\",\"id\":\"t3\"}]",
                    "{\"type\":\"send\",\"id\":\"t4\",\"chatId\":\"" + chat + "\",\"body\":\"}\"}}"}) {
                ws.sendRaw(trailing);
                assertThat(ws.nextOfType("error")).as(trailing).containsEntry("code", "malformed_json");
            }
            ws.sendRaw(" \n{\"type\":\"ping\",\"id\":\"ok\"} \t\r\n ");
            assertThat(ws.nextOfType("pong")).as("whitespace around the object is fine").containsEntry("id", "ok");
            assertThat(ws.sendMessage(chat, "t5", "a {\"quoted\"} brace } and \\\" escapes")).containsEntry("type", "accepted");
        }
        Map<String, Object> history = api.get("/api/chats/" + chat + "/messages", pia.token()).json();
        assertThat(history.get("messages")).as("only the valid message").asList().hasSize(1);
    }
}
