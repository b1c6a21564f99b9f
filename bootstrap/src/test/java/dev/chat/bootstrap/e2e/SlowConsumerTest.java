package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A device that stops reading while messages pour in for it: the gateway queues its frames up to
 * {@code chat.gateway.max-queued-events}, then cuts it off with 1013, and meanwhile everyone else's
 * messages keep flowing, because no thread ever waits on its socket. Reconnected, the device catches
 * up on every message it missed, once and in order.
 */
class SlowConsumerTest {
    private static final int FLOOD = 4_000;
    private static final String BODY = "x".repeat(4_000);

    private static RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of("chat.gateway.max-queued-events", 200,
                "chat.gateway.send-rate-per-second", 100_000, "chat.gateway.send-burst", 100_000));
        api = new ApiClient(server.api());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aDeviceThatStopsReadingIsCutOffWith1013WhileOthersKeepChattingAndCatchesUpAfter() throws Exception {
        ChatUser ann = ChatUser.signUp(api, "ann");
        ChatUser bob = ChatUser.signUp(api, "bob");
        ChatUser carl = ChatUser.signUp(api, "carl");
        ChatUser dan = ChatUser.signUp(api, "dan");
        String flooded = bob.openDirectChatWith(api, ann);
        String quiet = carl.openDirectChatWith(api, dan);

        StalledDevice stalled = StalledDevice.connect(server.gateway(), ann.token());
        assertThat(stalled.caughtUp.get(15, TimeUnit.SECONDS)).as("caught_up before it stops reading").isTrue();

        List<String> accepted = new ArrayList<>();
        int quietRoundTrips = 0;
        try (WsClient bobs = WsClient.connect(server.gateway(), bob.token(), "phone");
             WsClient carls = WsClient.connect(server.gateway(), carl.token(), "phone");
             WsClient dans = WsClient.connect(server.gateway(), dan.token(), "phone")) {
            bobs.nextOfType("caught_up");
            carls.nextOfType("caught_up");
            dans.nextOfType("caught_up");
            for (int batch = 0; batch < FLOOD / 200; batch++) {
                for (int i = 0; i < 200; i++) {
                    bobs.send(Map.of("type", "send", "id", "f" + batch + "-" + i, "chatId", flooded, "body", BODY));
                }
                for (int i = 0; i < 200; i++) {
                    Map<String, Object> answer = bobs.next(f -> "accepted".equals(f.get("type"))
                            || "error".equals(f.get("type")));
                    assertThat(answer).as("bob's send").containsEntry("type", "accepted");
                    accepted.add((String) answer.get("messageId"));
                }
                // while ann's frames pile up, carl and dan go on: a wait on her socket would stall this
                String id = "q" + batch;
                assertThat(carls.sendMessage(quiet, id, "still here " + batch)).containsEntry("type", "accepted");
                assertThat(dans.messages(quiet, 1).get(0)).containsEntry("body", "still here " + batch);
                quietRoundTrips++;
            }
        }
        // as a slow consumer: 1013 is also the code of a failed catch-up, which would not let carl through
        org.awaitility.Awaitility.await("ann's connection cut off with 1013").atMost(java.time.Duration.ofSeconds(15))
                .until(() -> api.get("/prometheus", null).body().contains("chat_gateway_closes_total{code=\"1013\"} 1.0"));
        assertThat(quietRoundTrips).isEqualTo(FLOOD / 200);
        stalled.abort();

        try (WsClient again = WsClient.connect(server.gateway(), ann.token(), "stalled")) {
            List<Map<String, Object>> caughtUp = again.messages(flooded, FLOOD);
            assertThat(caughtUp).extracting(m -> m.get("messageId")).as("every message once, in order")
                    .containsExactlyElementsOf(accepted);
        }
    }

    /** A device that reads until caught_up and then nothing more: its socket fills, then the server's. */
    private static final class StalledDevice implements WebSocket.Listener {
        final CompletableFuture<Boolean> caughtUp = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;

        static StalledDevice connect(URI gateway, String token) {
            StalledDevice device = new StalledDevice();
            device.socket = HttpClient.newHttpClient().newWebSocketBuilder().subprotocols("chat.v1")
                    .header("Authorization", "Bearer " + token)
                    .buildAsync(URI.create(gateway + "?device=stalled"), device).orTimeout(10, TimeUnit.SECONDS).join();
            return device;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                if ("caught_up".equals(Json.object(partial.toString()).get("type"))) {
                    caughtUp.complete(true);
                    return null; // and never request another frame
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        void abort() {
            socket.abort();
        }
    }
}
