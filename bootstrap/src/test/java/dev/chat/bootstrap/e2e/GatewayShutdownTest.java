package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway that stops tells each of its devices to reconnect, with 1012 and a wait of its own
 * (docs/protocol.md, "Close codes"), so that they do not all come back to the other gateways at once.
 */
class GatewayShutdownTest {
    private static final Pattern HINT = Pattern.compile("reconnect after (\\d+) ms");

    @Test
    void aStoppingGatewayClosesEveryConnectionWith1012AndASpreadOfWaits() {
        List<WsClient> clients = new ArrayList<>();
        RunningServer server = RunningServer.start(Map.of("chat.gateway.reconnect-spread", "5s"));
        try {
            ChatUser ada = ChatUser.signUp(new ApiClient(server.api()), "ada");
            for (int i = 0; i < 8; i++) {
                WsClient client = WsClient.connect(server.gateway(), ada.token(), "device-" + i);
                client.nextOfType("caught_up");
                clients.add(client);
            }
        } finally {
            server.close();
        }

        Set<Long> waits = new HashSet<>();
        for (WsClient client : clients) {
            assertThat(client.awaitClose()).as("close code").isEqualTo(1012);
            Matcher hint = HINT.matcher(client.closeReason());
            assertThat(hint.matches()).as("the reason %s carries the wait", client.closeReason()).isTrue();
            long wait = Long.parseLong(hint.group(1));
            assertThat(wait).isBetween(0L, 5_000L);
            waits.add(wait);
        }
        assertThat(waits).as("waits spread over the devices, not one for all").hasSizeGreaterThan(1);
    }
}
