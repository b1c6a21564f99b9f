package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How fast one account may send, over every device and REST together: per sender in one chat,
 * and per sender. Past a limit the send gets rate_limited and nothing is stored.
 */
class SendRateLimitsTest {
    private static RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of("chat.presence.udp.port", 0,
                "chat.limits.send-per-chat", "3/1h",
                "chat.limits.send-per-user", "5/1h"));
        api = new ApiClient(server.api());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aSenderIsLimitedPerChatAndOverallAcrossDevicesAndRestAndRefusedSendsStoreNothing() {
        ChatUser ann = ChatUser.signUp(api, "limit-ann");
        ChatUser bob = ChatUser.signUp(api, "limit-bob");
        ChatUser cat = ChatUser.signUp(api, "limit-cat");
        String withBob = ann.openDirectChatWith(api, bob);
        String withCat = ann.openDirectChatWith(api, cat);
        try (WsClient phone = WsClient.connect(server.gateway(), ann.token(), "phone");
             WsClient laptop = WsClient.connect(server.gateway(), ann.token(), "laptop")) {
            phone.nextOfType("caught_up");
            laptop.nextOfType("caught_up");

            assertThat(phone.sendMessage(withBob, "b1", "one")).containsEntry("type", "accepted");
            assertThat(laptop.sendMessage(withBob, "b2", "two")).containsEntry("type", "accepted");
            assertThat(api.post("/api/chats/" + withBob + "/messages", ann.token(),
                    Map.of("clientMessageId", "b3", "body", "three")).status()).isEqualTo(201);
            assertThat(phone.sendMessage(withBob, "b4", "four")).as("the fourth to bob, whatever the device")
                    .containsEntry("type", "error").containsEntry("code", "rate_limited").containsEntry("id", "b4");

            assertThat(laptop.sendMessage(withCat, "c1", "one")).containsEntry("type", "accepted");
            assertThat(laptop.sendMessage(withCat, "c2", "two")).containsEntry("type", "accepted");
            assertThat(phone.sendMessage(withCat, "c3", "three")).as("the sixth in all")
                    .containsEntry("code", "rate_limited");
            ApiClient.Response overRest = api.post("/api/chats/" + withCat + "/messages", ann.token(),
                    Map.of("clientMessageId", "c4", "body", "four"));
            assertThat(overRest.status()).isEqualTo(429);
            assertThat(overRest.json()).containsEntry("code", "rate_limited");
        }
        assertThat((List<?>) api.get("/api/chats/" + withBob + "/messages", bob.token()).json().get("messages")).hasSize(3);
        assertThat((List<?>) api.get("/api/chats/" + withCat + "/messages", cat.token()).json().get("messages")).hasSize(2);
        try (WsClient bobs = WsClient.connect(server.gateway(), bob.token(), "phone")) {
            bobs.nextOfType("caught_up");
            assertThat(bobs.sendMessage(withBob, "reply", "bob's own budget")).containsEntry("type", "accepted");
        }
    }

    @Test
    void aConnectionIsLimitedOnItsOwnAndAnotherConnectionOfTheSameUserIsNot() {
        try (RunningServer own = RunningServer.start(Map.of("chat.presence.udp.port", 0,
                "chat.gateway.send-rate-per-second", 1, "chat.gateway.send-burst", 2))) {
            ApiClient ownApi = new ApiClient(own.api());
            ChatUser dee = ChatUser.signUp(ownApi, "conn-dee");
            ChatUser eve = ChatUser.signUp(ownApi, "conn-eve");
            String chat = dee.openDirectChatWith(ownApi, eve);
            try (WsClient phone = WsClient.connect(own.gateway(), dee.token(), "phone");
                 WsClient laptop = WsClient.connect(own.gateway(), dee.token(), "laptop")) {
                phone.nextOfType("caught_up");
                laptop.nextOfType("caught_up");
                assertThat(phone.sendMessage(chat, "p1", "one")).containsEntry("type", "accepted");
                assertThat(phone.sendMessage(chat, "p2", "two")).containsEntry("type", "accepted");
                assertThat(phone.sendMessage(chat, "p3", "three")).as("past the connection's burst of 2")
                        .containsEntry("type", "error").containsEntry("code", "rate_limited").containsEntry("id", "p3");
                assertThat(laptop.sendMessage(chat, "l1", "from the laptop")).as("another connection's own budget")
                        .containsEntry("type", "accepted");
            }
            List<?> stored = (List<?>) ownApi.get("/api/chats/" + chat + "/messages", eve.token()).json().get("messages");
            assertThat(stored.stream().map(m -> (Object) ((Map<?, ?>) m).get("clientMessageId")).toList())
                    .containsExactly("p1", "p2", "l1");
        }
    }
}
