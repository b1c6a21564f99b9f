package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JSON object that names a member twice is refused, on the WebSocket and over REST alike. The
 * fuzzer found the two reading such an object differently: the gateway kept the last value, the
 * REST binding the first, so {"body":"a","body":"b"} was one message over REST and another over the
 * WebSocket, and a body that one reading refused was stored by the other.
 */
class DuplicateMembersTest extends EmbeddedServerTest {
    private static ChatUser ned;
    private static String chat;

    @BeforeAll
    static void setUp() {
        ned = ChatUser.signUp(api, "ned");
        chat = ned.openDirectChatWith(api, ChatUser.signUp(api, "ola"));
    }

    @Test
    void aFrameWithAMemberTwiceIsMalformed() {
        try (WsClient ws = WsClient.connect(server.gateway(), ned.token(), "phone")) {
            ws.nextOfType("caught_up");
            ws.sendRaw("{\"type\":\"send\",\"id\":\"d1\",\"chatId\":\"" + chat + "\",\"body\":\"first\",\"body\":\"second\"}");
            assertThat(ws.nextOfType("error")).containsEntry("code", "malformed_json");
            assertThat(ws.sendMessage(chat, "d2", "the connection still serves")).containsEntry("type", "accepted");
        }
    }

    @Test
    void aRestBodyWithAMemberTwiceIsInvalidAndStoresNothing() {
        ApiClient.Response twice = api.postRaw("/api/chats/" + chat + "/messages", ned.token(),
                "{\"clientMessageId\":\"r1\",\"body\":\"kept?\",\"clientMessageId\":null}");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json()).containsEntry("code", "invalid_input");
        assertThat(api.postRaw("/api/groups", ned.token(), "{\"name\":\"a\",\"name\":\"b\",\"members\":[]}").status())
                .isEqualTo(400);

        Map<String, Object> history = api.get("/api/chats/" + chat + "/messages", ned.token()).json();
        assertThat(history.get("messages")).asList().noneMatch(m -> "r1".equals(((Map<?, ?>) m).get("clientMessageId")));
    }
}
