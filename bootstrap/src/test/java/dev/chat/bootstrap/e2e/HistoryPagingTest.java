package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History after a position (forwards, {@code next}) and before one (backwards from the newest,
 * {@code previous}), paged with a cursor, over REST and over the WebSocket.
 */
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

    /** Beyond every chat's last position: 2^53-1, the largest integer JavaScript holds exactly. */
    private static final long NEWEST = 9_007_199_254_740_991L;

    @Test
    void restPagesBackwardsFromTheNewestCoverEveryMessageOnceOldestFirstWithinEachPage() {
        List<Object> seen = new ArrayList<>();
        Object before = NEWEST;
        int pages = 0;
        while (before != null) {
            Map<String, Object> page = api.get("/api/chats/" + chat + "/messages?limit=5&before=" + before,
                    kim.token()).json();
            List<?> messages = (List<?>) page.get("messages");
            List<Object> ids = new ArrayList<>();
            long last = -1;
            for (Object m : messages) {
                long position = ((Number) ((Map<?, ?>) m).get("position")).longValue();
                assertThat(position).as("oldest first within the page").isGreaterThan(last);
                last = position;
                ids.add(((Map<?, ?>) m).get("id"));
            }
            seen.addAll(0, ids);
            assertThat(page.get("next")).as("a backward page has no forward cursor").isNull();
            before = page.get("previous");
            if (before != null) {
                assertThat(((Number) before).longValue())
                        .isEqualTo(((Number) ((Map<?, ?>) messages.get(0)).get("position")).longValue());
            }
            pages++;
        }
        assertThat(seen).isEqualTo(sent);
        assertThat(pages).isEqualTo(5);
    }

    @Test
    void theNewestRestPageIsTheLastMessagesAndEndsStrictlyBeforeTheGivenPosition() {
        Map<String, Object> newest = api.get("/api/chats/" + chat + "/messages?limit=3&before=" + NEWEST,
                kim.token()).json();
        assertThat(ids(newest)).isEqualTo(sent.subList(20, 23));
        assertThat(newest.get("previous")).isNotNull();
        Object cursor = newest.get("previous");
        Map<String, Object> older = api.get("/api/chats/" + chat + "/messages?limit=3&before=" + cursor,
                kim.token()).json();
        assertThat(ids(older)).isEqualTo(sent.subList(17, 20));
        List<?> messages = (List<?>) older.get("messages");
        Map<?, ?> lastOfOlder = (Map<?, ?>) messages.get(messages.size() - 1);
        assertThat(((Number) lastOfOlder.get("position")).longValue()).isLessThan(((Number) cursor).longValue());
    }

    @Test
    void restRefusesAfterWithBeforeAndANegativeBefore() {
        for (String query : List.of("after=0&before=" + NEWEST, "before=-1", "before=-1&limit=5", "after=3&before=5")) {
            ApiClient.Response refused = api.get("/api/chats/" + chat + "/messages?" + query, kim.token());
            assertThat(refused.status()).as(query).isEqualTo(400);
            assertThat(refused.contentType()).as(query).startsWith("application/problem+json");
            assertThat(refused.json()).as(query).containsEntry("code", "invalid_input");
        }
        assertThat(api.get("/api/chats/" + chat + "/messages?before=0", kim.token()).json().get("messages"))
                .as("nothing is before position 0").asList().isEmpty();
    }

    @Test
    void webSocketPagesBackwardsFromTheNewestCoverEveryMessageOnce() {
        try (WsClient ws = WsClient.connect(server.gateway(), kim.token(), "history-scroller")) {
            ws.nextOfType("caught_up");
            List<Object> seen = new ArrayList<>();
            Object before = NEWEST;
            int request = 0;
            while (before != null) {
                String id = "back-" + request++;
                ws.send(Map.of("type", "history", "id", id, "chatId", chat, "before", before, "limit", 10));
                Map<String, Object> page = ws.next(f -> "history".equals(f.get("type")) && id.equals(f.get("id")));
                List<Object> ids = new ArrayList<>();
                for (Object m : (List<?>) page.get("messages")) {
                    ids.add(((Map<?, ?>) m).get("messageId"));
                }
                seen.addAll(0, ids);
                assertThat(page).doesNotContainKey("next");
                before = page.get("previous");
            }
            assertThat(seen).isEqualTo(sent);
            assertThat(request).isEqualTo(3);
        }
    }

    @Test
    void webSocketRefusesAfterWithBeforeAndANegativeBeforeAndKeepsServing() {
        try (WsClient ws = WsClient.connect(server.gateway(), kim.token(), "history-refused")) {
            ws.nextOfType("caught_up");
            ws.send(Map.of("type", "history", "id", "both", "chatId", chat, "after", 0, "before", NEWEST));
            assertThat(ws.next(f -> "both".equals(f.get("id")))).containsEntry("type", "error")
                    .containsEntry("code", "invalid_input");
            ws.send(Map.of("type", "history", "id", "negative", "chatId", chat, "before", -1));
            assertThat(ws.next(f -> "negative".equals(f.get("id")))).containsEntry("type", "error")
                    .containsEntry("code", "invalid_input");
            ws.sendRaw("{\"type\":\"history\",\"id\":\"wide\",\"chatId\":\"" + chat
                    + "\",\"before\":18446744073709551616}");
            assertThat(ws.next(f -> "wide".equals(f.get("id")))).containsEntry("code", "malformed_json");
            ws.send(Map.of("type", "history", "id", "fine", "chatId", chat, "before", NEWEST, "limit", 1));
            Map<String, Object> page = ws.next(f -> "fine".equals(f.get("id")));
            assertThat(page).containsEntry("type", "history");
            assertThat(((List<?>) page.get("messages"))).hasSize(1);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServedOpenApiDocumentDescribesBeforeAndPrevious() {
        Map<String, Object> document = new org.yaml.snakeyaml.Yaml().load(api.get("/swagger/chat-api-1.0.yml", null).body());
        Map<String, Object> get = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) document
                .get("paths")).get("/api/chats/{chatId}/messages")).get("get");
        assertThat((List<Map<String, Object>>) get.get("parameters")).extracting(p -> p.get("name"))
                .contains("after", "before", "limit");
        assertThat((String) get.get("description")).contains("previous", "before", "9007199254740991");
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.get("components")).get("schemas");
        assertThat(((Map<String, Object>) ((Map<String, Object>) schemas.get("ApiViews.MessagePage")).get("properties")).keySet())
                .contains("messages", "next", "previous");
    }

    private static List<Object> ids(Map<String, Object> page) {
        List<Object> ids = new ArrayList<>();
        for (Object m : (List<?>) page.get("messages")) {
            ids.add(((Map<?, ?>) m).get("id"));
        }
        return ids;
    }
}
