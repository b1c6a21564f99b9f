package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A recipient offline for the whole conversation gets all of it on connect, even across a server restart. */
class OfflineDeliveryAndRestartTest {

    @Test
    void nothingAcknowledgedIsLostWhenTheServerRestartsBeforeTheRecipientConnects() {
        try (RunningServer server = RunningServer.start()) {
            ApiClient api = new ApiClient(server.api());
            ChatUser sam = ChatUser.signUp(api, "sam");
            ChatUser rita = ChatUser.signUp(api, "rita");
            String chat = sam.openDirectChatWith(api, rita);
            String group = (String) api.post("/api/groups", sam.token(),
                    Map.of("name", "news", "members", List.of(rita.id()))).json().get("id");

            List<Object> acknowledged = new ArrayList<>();
            try (WsClient samPhone = WsClient.connect(server.gateway(), sam.token(), "phone")) {
                samPhone.nextOfType("caught_up");
                for (int i = 0; i < 30; i++) {
                    Map<String, Object> ack = samPhone.sendMessage(i % 3 == 0 ? group : chat, "s" + i, "note " + i);
                    assertThat(ack).containsEntry("type", "accepted");
                    acknowledged.add(ack.get("messageId"));
                }
            }

            server.restart();
            api = new ApiClient(server.api());

            try (WsClient ritaPhone = WsClient.connect(server.gateway(), rita.token(), "phone")) {
                List<Object> received = new ArrayList<>();
                received.addAll(ritaPhone.messages(chat, 20).stream().map(m -> m.get("messageId")).toList());
                received.addAll(ritaPhone.messages(group, 10).stream().map(m -> m.get("messageId")).toList());
                assertThat(ritaPhone.nextOfType("caught_up")).containsEntry("messages", 30);
                assertThat(received).containsExactlyInAnyOrderElementsOf(acknowledged);
                assertThat(ritaPhone.held("message")).isEmpty();
            }
            ApiClient.Response history = api.get("/api/chats/" + chat + "/messages?limit=100", rita.token());
            assertThat(Json.object(history.body()).get("messages")).asList().hasSize(20);
        }
    }
}
