package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Two users exchange 1:1 messages both ways over the real WebSocket gateway. */
class OneToOneChatTest extends EmbeddedServerTest {

    @Test
    void messagesFlowBothWaysWithAcknowledgementsCarryingIdAndPosition() {
        ChatUser alice = ChatUser.signUp(api, "alice");
        ChatUser bob = ChatUser.signUp(api, "bob");
        String chat = alice.openDirectChatWith(api, bob);
        assertThat(bob.openDirectChatWith(api, alice)).as("one direct chat per pair").isEqualTo(chat);

        try (WsClient a = WsClient.connect(server.gateway(), alice.token(), "phone");
             WsClient b = WsClient.connect(server.gateway(), bob.token(), "phone")) {
            a.nextOfType("caught_up");
            b.nextOfType("caught_up");

            Map<String, Object> ack = a.sendMessage(chat, "a-1", "hello bob");
            assertThat(ack).containsEntry("type", "accepted").containsEntry("chatId", chat).containsKey("messageId");
            assertThat(((Number) ack.get("position")).longValue()).isPositive();
            Map<String, Object> atBob = b.messages(chat, 1).get(0);
            assertThat(atBob).containsEntry("body", "hello bob").containsEntry("senderId", alice.id())
                    .containsEntry("messageId", ack.get("messageId")).containsEntry("position", ack.get("position"));

            Map<String, Object> reply = b.sendMessage(chat, "b-1", "hi alice \uD83D\uDC4B");
            Map<String, Object> atAlice = a.messages(chat, 1).get(0);
            assertThat(atAlice).containsEntry("body", "hi alice \uD83D\uDC4B").containsEntry("senderId", bob.id())
                    .containsEntry("messageId", reply.get("messageId"));
            assertThat(((Number) reply.get("position")).longValue())
                    .isGreaterThan(((Number) ack.get("position")).longValue());
        }
    }

    @Test
    void everyDeviceSeesTheChatInTheSameOrderWhileBothSideSendAtOnce() {
        ChatUser alice = ChatUser.signUp(api, "alice");
        ChatUser bob = ChatUser.signUp(api, "bob");
        String chat = alice.openDirectChatWith(api, bob);
        int each = 40;
        try (WsClient aPhone = WsClient.connect(server.gateway(), alice.token(), "phone");
             WsClient aLaptop = WsClient.connect(server.gateway(), alice.token(), "laptop");
             WsClient bPhone = WsClient.connect(server.gateway(), bob.token(), "phone");
             WsClient bLaptop = WsClient.connect(server.gateway(), bob.token(), "laptop")) {
            for (WsClient c : List.of(aPhone, aLaptop, bPhone, bLaptop)) {
                c.nextOfType("caught_up");
            }
            CompletableFuture<Void> fromAlice = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < each; i++) {
                    aPhone.send(Map.of("type", "send", "id", "a" + i, "chatId", chat, "body", "a" + i));
                }
            });
            CompletableFuture<Void> fromBob = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < each; i++) {
                    bPhone.send(Map.of("type", "send", "id", "b" + i, "chatId", chat, "body", "b" + i));
                }
            });
            CompletableFuture.allOf(fromAlice, fromBob).join();

            // the laptops receive everything; each phone receives the other side's messages
            List<Map<String, Object>> atLaptopB = bLaptop.messages(chat, 2 * each);
            List<Object> laptopA = ids(aLaptop.messages(chat, 2 * each));
            List<Object> laptopB = ids(atLaptopB);
            assertThat(laptopA).as("same order on every device").isEqualTo(laptopB);
            assertThat(atLaptopB.stream().map(m -> ((Number) m.get("position")).longValue()).toList())
                    .as("arrival order is the chat's order").isSorted().doesNotHaveDuplicates();

            List<Object> phoneA = ids(aPhone.messages(chat, each));
            List<Object> phoneB = ids(bPhone.messages(chat, each));
            assertThat(laptopA.stream().filter(phoneA::contains).toList()).isEqualTo(phoneA);
            assertThat(laptopA.stream().filter(phoneB::contains).toList()).isEqualTo(phoneB);
        }
    }

    private static List<Object> ids(List<Map<String, Object>> messages) {
        List<Object> ids = new ArrayList<>();
        for (Map<String, Object> m : messages) {
            ids.add(m.get("messageId"));
        }
        return ids;
    }
}
