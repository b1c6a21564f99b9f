package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** History after a position, paged with a cursor, over REST and over the WebSocket. */
class HistoryPagingTest extends EmbeddedServerTest {
    private static ChatUser kim;
    private static String chat;
    private static List<Object> sent = new ArrayList<>();

    @BeforeAll
    static void setUp() {
        kim = ChatUser.signUp(api, "kim");
        ChatUser joe = ChatUser.signUp(api, "joe");
        chat = kim.openDirectChatWith(api, joe);
        for (int i = 0; i < 23; i++) {
            ApiClient.Response posted = api.post("/api/chats/" + chat + "/messages", i % 2 == 0 ? kim.token()
                    : joe.token(), Map.of("clientMessageId", "h" + i, "body", "line " + i));
            assertThat(posted.status()).isEqualTo(201);
            sent.add(posted.json().get("id"));
        }
    }

    @Test
    void restPagesCoverEveryMessageOnceInOrder() {
        List<Object> seen = new ArrayList<>();
        Object after = 0;
        int pages = 0;
        while (after != null) {
            Map<String, Object> page = api.get("/api/chats/" + chat + "/messages?limit=5&after=" + after,
                    kim.token()).json();
            for (Object m : (List<?>) page.get("messages")) {
                seen.add(((Map<?, ?>) m).get("id"));
            }
            after = page.get("next");
            pages++;
        }
        assertThat(seen).isEqualTo(sent);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void webSocketPagesCoverEveryMessageOnceInOrder() {
        try (WsClient ws = WsClient.connect(server.gateway(), kim.token(), "history-reader")) {
            ws.nextOfType("caught_up");
            List<Object> seen = new ArrayList<>();
            Object after = 0;
            int request = 0;
            while (after != null) {
                String id = "page-" + request++;
                ws.send(Map.of("type", "history", "id", id, "chatId", chat, "after", after, "limit", 10));
                Map<String, Object> page = ws.next(f -> "history".equals(f.get("type")) && id.equals(f.get("id")));
                for (Object m : (List<?>) page.get("messages")) {
                    seen.add(((Map<?, ?>) m).get("messageId"));
                }
                after = page.get("next");
            }
            assertThat(seen).isEqualTo(sent);
            assertThat(request).isEqualTo(3);
        }
    }

    @Test
    void aPageStartsStrictlyAfterTheGivenPosition() {
        Map<String, Object> first = api.get("/api/chats/" + chat + "/messages?limit=3", kim.token()).json();
        Object cursor = first.get("next");
        Map<String, Object> second = api.get("/api/chats/" + chat + "/messages?limit=3&after=" + cursor,
                kim.token()).json();
        Map<?, ?> firstOfSecond = (Map<?, ?>) ((List<?>) second.get("messages")).get(0);
        assertThat(((Number) firstOfSecond.get("position")).longValue()).isGreaterThan(((Number) cursor).longValue());
        assertThat(firstOfSecond.get("id")).isEqualTo(sent.get(3));
    }
}
