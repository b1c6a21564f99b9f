package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A flapping client cannot flood its contacts: changes are announced at most once per interval. */
class CoalescedPresenceTest {

    @Test
    void rapidConnectsAndDisconnectsReachContactsAsAFewChangesEndingInTheTrueState() throws Exception {
        try (RunningServer server = RunningServer.start(Map.of(
                "chat.presence-min-change-interval", "1s",
                "chat.presence-sweep-interval", "100ms",
                "chat.presence.udp.port", 0))) {
            ApiClient api = new ApiClient(server.api());
            ChatUser watcher = ChatUser.signUp(api, "watcher");
            ChatUser flapper = ChatUser.signUp(api, "flapper");
            watcher.openDirectChatWith(api, flapper);
            try (WsClient watching = WsClient.connect(server.gateway(), watcher.token(), "phone")) {
                watching.nextOfType("caught_up");
                watching.send(Map.of("type", "presence.subscribe", "id", "s", "users", List.of(flapper.id())));
                watching.next(f -> "presence".equals(f.get("type")) && "s".equals(f.get("id")));
                for (int i = 0; i < 20; i++) {
                    WsClient flap = WsClient.connect(server.gateway(), flapper.token(), "phone");
                    flap.close();
                }
                Thread.sleep(2_500);
                List<Map<String, Object>> changes = watching.held("presence");
                assertThat(changes.size()).as("20 connects and 20 disconnects in well under 2 s").isBetween(1, 4);
                assertThat(changes.get(changes.size() - 1)).containsEntry("online", false);
            }
        }
    }
}
