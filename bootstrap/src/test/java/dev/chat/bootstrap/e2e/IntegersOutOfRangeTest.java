package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integers too wide for their member are refused, never cut down to fit: the fuzzer found an ack of
 * position 10^400 answered {@code done} (read as its low 64 bits, 0) and a history request with
 * {@code after} -2^63-1 answered with a page (read as 2^63-1).
 */
class IntegersOutOfRangeTest extends EmbeddedServerTest {
    private static ChatUser lea;
    private static String chat;

    @BeforeAll
    static void setUp() {
        lea = ChatUser.signUp(api, "lea");
        chat = lea.openDirectChatWith(api, ChatUser.signUp(api, "max"));
    }

    @Test
    void positionsAndAftersBeyond64BitsAreMalformed() {
        try (WsClient ws = WsClient.connect(server.gateway(), lea.token(), "phone")) {
            ws.nextOfType("caught_up");
            long position = ((Number) ws.sendMessage(chat, "m1", "one").get("position")).longValue();

            // 2^64 + position: its low 64 bits are a position the log has reached
            ws.sendRaw("{\"type\":\"ack\",\"id\":\"a1\",\"chatId\":\"" + chat + "\",\"position\":"
                    + java.math.BigInteger.ONE.shiftLeft(64).add(java.math.BigInteger.valueOf(position)) + "}");
            assertThat(ws.next(f -> "a1".equals(f.get("id")))).containsEntry("type", "error")
                    .containsEntry("code", "malformed_json");
            ws.sendRaw("{\"type\":\"ack\",\"id\":\"a2\",\"chatId\":\"" + chat + "\",\"position\":1" + "0".repeat(400) + "}");
            assertThat(ws.next(f -> "a2".equals(f.get("id")))).containsEntry("code", "malformed_json");

            ws.sendRaw("{\"type\":\"history\",\"id\":\"h1\",\"chatId\":\"" + chat + "\",\"after\":-9223372036854775809}");
            assertThat(ws.next(f -> "h1".equals(f.get("id")))).containsEntry("type", "error")
                    .containsEntry("code", "malformed_json");
            ws.sendRaw("{\"type\":\"history\",\"id\":\"h2\",\"chatId\":\"" + chat + "\",\"after\":18446744073709551616}");
            assertThat(ws.next(f -> "h2".equals(f.get("id")))).containsEntry("code", "malformed_json");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> line = (Map<String, Object>) Json.array(api.get("/api/chats?device=phone", lea.token()).body()).get(0);
        assertThat(line).as("no ack moved the offset").containsEntry("acknowledged", 0);
    }

    @Test
    void aHistoryLimitBeyond32BitsIsOutsideItsRangeNotCutToFit() {
        try (WsClient ws = WsClient.connect(server.gateway(), lea.token(), "tablet")) {
            ws.nextOfType("caught_up");
            for (String limit : List.of("4294967346", "1099511627776", "-4294967295")) {
                ws.sendRaw("{\"type\":\"history\",\"id\":\"l" + limit + "\",\"chatId\":\"" + chat + "\",\"limit\":" + limit + "}");
                assertThat(ws.next(f -> ("l" + limit).equals(f.get("id")))).as(limit).containsEntry("type", "error")
                        .containsEntry("code", "invalid_input");
            }
        }
    }
}
