package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A gateway at its configured maximum of connections refuses the next one cleanly, and the ones it holds keep working. */
class GatewayCapacityTest {
    private static RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of("chat.presence.udp.port", 0, "chat.gateway.max-connections", 2));
        api = new ApiClient(server.api());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pastItsMaximumAGatewayClosesANewConnectionWith1013AndCountsItWhileTheOthersKeepChatting() {
        ChatUser ann = ChatUser.signUp(api, "full-ann");
        ChatUser bob = ChatUser.signUp(api, "full-bob");
        String chat = ann.openDirectChatWith(api, bob);
        try (WsClient anns = WsClient.connect(server.gateway(), ann.token(), "phone");
             WsClient bobs = WsClient.connect(server.gateway(), bob.token(), "phone")) {
            anns.nextOfType("caught_up");
            bobs.nextOfType("caught_up");

            try (WsClient third = WsClient.connect(server.gateway(), bob.token(), "laptop")) {
                assertThat(third.awaitClose()).isEqualTo(1013);
                assertThat(third.closeReason()).isEqualTo("gateway_full");
            }
            assertThat(anns.sendMessage(chat, "still-1", "we are still here")).containsEntry("type", "accepted");
            assertThat(bobs.messages(chat, 1)).extracting(m -> m.get("body")).containsExactly("we are still here");
            assertThat(api.get("/prometheus", null).body())
                    .contains("chat_gateway_errors_total{code=\"gateway_full\"} 1.0")
                    .contains("chat_gateway_connections_max 2.0");
        }
        // the refused connection took no slot: once the two are closed, new ones get in
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get("/prometheus", null).body().contains("chat_connections_open 0.0"));
        try (WsClient anns = WsClient.connect(server.gateway(), ann.token(), "tablet")) {
            assertThat(anns.nextOfType("caught_up")).containsEntry("type", "caught_up");
        }
    }
}
