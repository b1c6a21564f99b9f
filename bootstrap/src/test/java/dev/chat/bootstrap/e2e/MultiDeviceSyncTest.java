package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One user on two devices: each device has its own offset and catches up exactly on what it missed. */
class MultiDeviceSyncTest extends EmbeddedServerTest {

    @Test
    void aDeviceThatWasAwayGetsExactlyWhatItMissedInOrderThenLiveMessages() {
        ChatUser dana = ChatUser.signUp(api, "dana");
        ChatUser omar = ChatUser.signUp(api, "omar");
        String chat = dana.openDirectChatWith(api, omar);

        try (WsClient omarPhone = WsClient.connect(server.gateway(), omar.token(), "phone");
             WsClient danaPhone = WsClient.connect(server.gateway(), dana.token(), "phone")) {
            omarPhone.nextOfType("caught_up");
            danaPhone.nextOfType("caught_up");

            WsClient danaTablet = WsClient.connect(server.gateway(), dana.token(), "tablet");
            danaTablet.nextOfType("caught_up");
            Map<String, Object> own = danaPhone.sendMessage(chat, "d-1", "sent from my phone");
            Map<String, Object> onTablet = danaTablet.messages(chat, 1).get(0);
            assertThat(onTablet).as("a message sent from one device appears on the other")
                    .containsEntry("messageId", own.get("messageId")).containsEntry("senderDevice", "phone");
            assertThat(danaPhone.heldAfter(java.time.Duration.ofMillis(200), "message"))
                    .as("the sending device has its acknowledgement, not a copy").isEmpty();
            danaTablet.acknowledge(chat, ((Number) onTablet.get("position")).longValue());
            danaTablet.send(Map.of("type", "ping", "id", "sync-point"));
            danaTablet.nextOfType("pong"); // the ack before it has been handled
            danaTablet.close();

            List<Object> sent = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                sent.add(omarPhone.sendMessage(chat, "o-" + i, "while you were away " + i).get("messageId"));
            }
            assertThat(danaPhone.messages(chat, 50)).hasSize(50);

            try (WsClient back = WsClient.connect(server.gateway(), dana.token(), "tablet")) {
                List<Map<String, Object>> missed = back.messages(chat, 50);
                assertThat(missed.stream().map(m -> m.get("messageId")).toList()).isEqualTo(sent);
                Map<String, Object> caughtUp = back.nextOfType("caught_up");
                assertThat(caughtUp).containsEntry("messages", 50);
                assertThat(back.held("message")).as("no duplicate").isEmpty();

                Map<String, Object> live = omarPhone.sendMessage(chat, "o-live", "you're back");
                assertThat(back.messages(chat, 1).get(0)).containsEntry("messageId", live.get("messageId"));
            }
        }
    }

    @Test
    void unreadCountsArePerDevice() {
        ChatUser dana = ChatUser.signUp(api, "dana");
        ChatUser omar = ChatUser.signUp(api, "omar");
        String chat = dana.openDirectChatWith(api, omar);
        long last = 0;
        try (WsClient omarPhone = WsClient.connect(server.gateway(), omar.token(), "phone")) {
            omarPhone.nextOfType("caught_up");
            for (int i = 0; i < 3; i++) {
                last = ((Number) omarPhone.sendMessage(chat, "u" + i, "unread " + i).get("position")).longValue();
            }
        }
        assertThat(api.put("/api/chats/" + chat + "/offsets/phone", dana.token(), Map.of("position", last)).status())
                .isEqualTo(204);
        Map<String, Object> onPhone = firstSummary(api.get("/api/chats?device=phone", dana.token()).body());
        Map<String, Object> onTablet = firstSummary(api.get("/api/chats?device=tablet", dana.token()).body());
        assertThat(onPhone).containsEntry("unread", 0);
        assertThat(onTablet).containsEntry("unread", 3);
        assertThat(onTablet.get("lastMessage")).asString().contains("unread 2");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstSummary(String body) {
        return (Map<String, Object>) Json.array(body).get(0);
    }
}
