package dev.chat.bootstrap.e2e;

import dev.chat.adapter.out.kafka.capture.ReplicationSetup;
import dev.chat.adapter.out.push.TestPushService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The skeleton's main scenarios again, on the server in the distributed configuration: metadata on
 * PostgreSQL, the message log on Kafka, messages and offsets on Cassandra. Engines come from
 * {@code CHAT_TEST_POSTGRES_URL}, {@code CHAT_TEST_CASSANDRA} and {@code CHAT_TEST_KAFKA}
 * (scripts/engines/all-start sets them; scripts/test runs it).
 */
class DistributedProfileTest {
    private static RunningServer server;
    private static ApiClient api;
    private static String slot;
    private static TestPushService pushService;

    @BeforeAll
    static void start() {
        String postgres = System.getenv("CHAT_TEST_POSTGRES_URL");
        String cassandra = System.getenv("CHAT_TEST_CASSANDRA");
        String kafka = System.getenv("CHAT_TEST_KAFKA");
        if (postgres == null || cassandra == null || kafka == null) {
            fail("the distributed profile needs PostgreSQL, Cassandra and Kafka: run `eval \"$(scripts/engines/all-start)\"` "
                    + "(or scripts/test, which does) so that CHAT_TEST_POSTGRES_URL, CHAT_TEST_CASSANDRA and "
                    + "CHAT_TEST_KAFKA are set");
        }
        // a topic and consumer groups of this run only: a rerun on the same broker starts empty
        String run = Long.toString(System.nanoTime(), 36);
        slot = "test_e2e_" + run;
        Map<String, Object> properties = new java.util.HashMap<>(Map.ofEntries(
                Map.entry("datasources.default.url", postgres),
                Map.entry("chat.cassandra.contact-points", cassandra),
                Map.entry("chat.cassandra.keyspace", "chat_e2e"),
                Map.entry("chat.kafka.bootstrap-servers", kafka),
                Map.entry("chat.kafka.log.topic", "e2e-messages-" + run),
                Map.entry("chat.kafka.group-prefix", "e2e-" + run),
                Map.entry("chat.kafka.channel.topic", "e2e-deliveries-" + run),
                // this one process also captures the memberships and runs the join
                Map.entry("chat.capture.enabled", "true"),
                Map.entry("chat.capture.slot", slot),
                Map.entry("chat.capture.publication", slot),
                Map.entry("chat.kafka.memberships-topic", "e2e-memberships-" + run),
                Map.entry("chat.kafka.join.stored-topic", "e2e-stored-" + run),
                Map.entry("chat.kafka.presence.claims-topic", "e2e-presence-claims-" + run),
                Map.entry("chat.kafka.presence.states-topic", "e2e-presence-" + run)));
        properties.putAll(ClusterSecrets.fresh());
        server = RunningServer.start(properties, "distributed");
        api = new ApiClient(server.api());
        pushService = new TestPushService();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (pushService != null) {
            pushService.close();
        }
        if (slot != null) {
            ReplicationSetup.drop(System.getenv("CHAT_TEST_POSTGRES_URL"),
                    System.getenv().getOrDefault("CHAT_TEST_POSTGRES_USER", "chat"),
                    System.getenv().getOrDefault("CHAT_TEST_POSTGRES_PASSWORD", "chat"), slot, slot);
        }
    }

    @Test
    void anOfflineRecipientGetsAPushFromTheJoinsFanOutSignedWithTheConfiguredKey() {
        ChatUser ann = ChatUser.signUp(api, "ann");
        ChatUser bob = ChatUser.signUp(api, "bob");
        TestPushService.Subscription browser = pushService.subscribe();
        assertThat(api.put("/api/me/devices/browser/push", bob.token(), Map.of("webPush", Map.of("endpoint",
                browser.endpoint().toString(), "keys", Map.of("p256dh", browser.p256dh(), "auth", browser.auth()))))
                .status()).isEqualTo(200);
        String chat = ann.openDirectChatWith(api, bob);

        ApiClient.Response sent = api.post("/api/chats/" + chat + "/messages", ann.token(),
                Map.of("clientMessageId", "push-1", "body", "are you there?"));

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> pushService.delivered(browser).size() == 1);
        assertThat(Json.object(pushService.delivered(browser).get(0).payload()))
                .containsEntry("messageId", sent.json().get("id")).containsEntry("chatId", chat);
        assertThat(pushService.delivered(browser).get(0).vapidPublicKey())
                .isEqualTo(api.get("/api/push/web-push-key", bob.token()).json().get("applicationServerKey"));
        assertThat(pushService.refused()).isEmpty();
    }

    @Test
    void oneToOneBothWays() {
        ChatUser alice = ChatUser.signUp(api, "alice");
        ChatUser bob = ChatUser.signUp(api, "bob");
        String chat = alice.openDirectChatWith(api, bob);
        try (WsClient a = WsClient.connect(server.gateway(), alice.token(), "phone");
             WsClient b = WsClient.connect(server.gateway(), bob.token(), "phone")) {
            a.nextOfType("caught_up");
            b.nextOfType("caught_up");
            Map<String, Object> ack = a.sendMessage(chat, "a1", "hello over postgres and cassandra");
            assertThat(b.messages(chat, 1).get(0)).containsEntry("messageId", ack.get("messageId"));
            Map<String, Object> reply = b.sendMessage(chat, "b1", "hi back");
            assertThat(a.messages(chat, 1).get(0)).containsEntry("messageId", reply.get("messageId"));
        }
    }

    @Test
    void groupFanOutAndRemoval() {
        ChatUser ann = ChatUser.signUp(api, "ann");
        ChatUser ben = ChatUser.signUp(api, "ben");
        ChatUser cat = ChatUser.signUp(api, "cat");
        String group = (String) api.post("/api/groups", ann.token(),
                Map.of("name", "distributed", "members", List.of(ben.id(), cat.id()))).json().get("id");
        try (WsClient a = WsClient.connect(server.gateway(), ann.token(), "phone");
             WsClient b = WsClient.connect(server.gateway(), ben.token(), "phone");
             WsClient c = WsClient.connect(server.gateway(), cat.token(), "phone")) {
            for (WsClient ws : List.of(a, b, c)) {
                ws.nextOfType("caught_up");
            }
            a.sendMessage(group, "g1", "to all");
            assertThat(b.messages(group, 1).get(0)).containsEntry("body", "to all");
            assertThat(c.messages(group, 1).get(0)).containsEntry("body", "to all");
            assertThat(api.delete("/api/groups/" + group + "/members/" + cat.id(), ann.token()).status()).isEqualTo(200);
            a.sendMessage(group, "g2", "without cat");
            assertThat(b.messages(group, 1).get(0)).containsEntry("body", "without cat");
            assertThat(c.heldAfter(java.time.Duration.ofMillis(500), "message")).isEmpty();
            assertThat(c.sendMessage(group, "c1", "let me in")).containsEntry("code", "chat_not_found");
        }
    }

    @Test
    void aSecondDeviceCatchesUpExactlyOnWhatItMissed() {
        ChatUser dana = ChatUser.signUp(api, "dana");
        ChatUser omar = ChatUser.signUp(api, "omar");
        String chat = dana.openDirectChatWith(api, omar);
        try (WsClient omarPhone = WsClient.connect(server.gateway(), omar.token(), "phone")) {
            omarPhone.nextOfType("caught_up");
            WsClient tablet = WsClient.connect(server.gateway(), dana.token(), "tablet");
            tablet.nextOfType("caught_up");
            Map<String, Object> first = omarPhone.sendMessage(chat, "o-first", "before you left");
            tablet.messages(chat, 1);
            tablet.acknowledge(chat, ((Number) first.get("position")).longValue());
            tablet.send(Map.of("type", "ping", "id", "sync"));
            tablet.nextOfType("pong");
            tablet.close();
            List<Object> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sent.add(omarPhone.sendMessage(chat, "o" + i, "missed " + i).get("messageId"));
            }
            // acknowledged means logged; the log's consumer stores into Cassandra a moment later:
            // wait until the 50 are stored, so that all of them are "missed" rather than partly live
            readPage(chat, dana, ((Number) first.get("position")).longValue(), 50, 0, 100);
            try (WsClient back = WsClient.connect(server.gateway(), dana.token(), "tablet")) {
                assertThat(back.messages(chat, 50).stream().map(m -> m.get("messageId")).toList()).isEqualTo(sent);
                assertThat(back.nextOfType("caught_up")).containsEntry("messages", 50);
                assertThat(back.held("message")).isEmpty();
            }
        }
    }

    @Test
    void historyPagesAcrossPageBoundaries() {
        ChatUser kim = ChatUser.signUp(api, "kim");
        ChatUser joe = ChatUser.signUp(api, "joe");
        String chat = kim.openDirectChatWith(api, joe);
        List<Object> sent = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            sent.add(api.post("/api/chats/" + chat + "/messages", kim.token(),
                    Map.of("clientMessageId", "h" + i, "body", "line " + i)).json().get("id"));
        }
        List<Object> seen = new ArrayList<>();
        Object after = 0;
        while (after != null) {
            Map<String, Object> page = readPage(chat, joe, after, sent.size(), seen.size(), 5);
            for (Object m : (List<?>) page.get("messages")) {
                seen.add(((Map<?, ?>) m).get("id"));
            }
            after = page.get("next");
        }
        assertThat(seen).isEqualTo(sent);
    }

    /** History is stored by the log's consumer, a moment after the acknowledgement: wait for the last page to fill. */
    private static Map<String, Object> readPage(String chat, ChatUser reader, Object after, int total, int seen,
                                                int limit) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            Map<String, Object> page = api.get("/api/chats/" + chat + "/messages?limit=" + limit + "&after=" + after,
                    reader.token()).json();
            int size = ((List<?>) page.get("messages")).size();
            if (page.get("next") != null || seen + size == total || System.currentTimeMillis() > deadline) {
                return page;
            }
        }
    }
}
