package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A group of three over the real gateway and API: fan-out, removal, refusal of strangers. */
class GroupChatTest extends EmbeddedServerTest {

    @Test
    void aMessageReachesEveryMembersDevicesAndARemovedMemberGetsNothingAfterwards() {
        ChatUser ann = ChatUser.signUp(api, "ann");
        ChatUser ben = ChatUser.signUp(api, "ben");
        ChatUser cat = ChatUser.signUp(api, "cat");
        ApiClient.Response created = api.post("/api/groups", ann.token(),
                Map.of("name", "climbing trip", "members", List.of(ben.id(), cat.id())));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String group = (String) created.json().get("id");
        assertThat(created.json()).containsEntry("kind", "group").containsEntry("name", "climbing trip");

        try (WsClient annPhone = WsClient.connect(server.gateway(), ann.token(), "phone");
             WsClient benPhone = WsClient.connect(server.gateway(), ben.token(), "phone");
             WsClient benLaptop = WsClient.connect(server.gateway(), ben.token(), "laptop");
             WsClient catPhone = WsClient.connect(server.gateway(), cat.token(), "phone")) {
            for (WsClient c : List.of(annPhone, benPhone, benLaptop, catPhone)) {
                c.nextOfType("caught_up");
            }
            Map<String, Object> ack = annPhone.sendMessage(group, "m1", "who brings the rope?");
            assertThat(ack).containsEntry("type", "accepted");
            for (WsClient c : List.of(benPhone, benLaptop, catPhone)) {
                assertThat(c.messages(group, 1).get(0)).containsEntry("body", "who brings the rope?")
                        .containsEntry("messageId", ack.get("messageId"));
            }

            ApiClient.Response removed = api.delete("/api/groups/" + group + "/members/" + cat.id(), ann.token());
            assertThat(removed.status()).as(removed.body()).isEqualTo(200);
            Map<String, Object> event = catPhone.next(f -> "chat.event".equals(f.get("type"))
                    && "member_removed".equals(f.get("change")));
            assertThat(event).containsEntry("chatId", group).containsEntry("userId", cat.id());

            annPhone.sendMessage(group, "m2", "cat is out");
            assertThat(benPhone.messages(group, 1).get(0)).containsEntry("body", "cat is out");
            assertThat(catPhone.heldAfter(Duration.ofMillis(500), "message")).as("nothing after removal").isEmpty();

            Map<String, Object> refused = catPhone.sendMessage(group, "c1", "let me back in");
            assertThat(refused).containsEntry("type", "error").containsEntry("code", "chat_not_found")
                    .containsEntry("id", "c1");
            ApiClient.Response history = api.get("/api/chats/" + group + "/messages?limit=50", ann.token());
            assertThat(history.body()).doesNotContain("let me back in");
            assertThat(Json.object(history.body()).get("messages")).asList().hasSize(2);
            assertThat(catPhone.isOpen()).as("the connection keeps serving after an error").isTrue();
            assertThat(api.get("/api/chats/" + group + "/messages", cat.token()).status()).isEqualTo(404);
        }
    }

    @Test
    void aNonMembersSendIsRefusedAndNothingIsStored() {
        ChatUser ann = ChatUser.signUp(api, "ann");
        ChatUser ben = ChatUser.signUp(api, "ben");
        ChatUser eve = ChatUser.signUp(api, "eve");
        String group = (String) api.post("/api/groups", ann.token(),
                Map.of("name", "private", "members", List.of(ben.id()))).json().get("id");
        try (WsClient evePhone = WsClient.connect(server.gateway(), eve.token(), "phone")) {
            evePhone.nextOfType("caught_up");
            Map<String, Object> refused = evePhone.sendMessage(group, "e1", "spam");
            assertThat(refused).containsEntry("type", "error").containsEntry("code", "chat_not_found");
        }
        ApiClient.Response history = api.get("/api/chats/" + group + "/messages", ann.token());
        assertThat(Json.object(history.body()).get("messages")).asList().isEmpty();
    }

    @Test
    void adminsManageTheGroupAndMembersCannot() {
        ChatUser ann = ChatUser.signUp(api, "ann");
        ChatUser ben = ChatUser.signUp(api, "ben");
        ChatUser cat = ChatUser.signUp(api, "cat");
        String group = (String) api.post("/api/groups", ann.token(),
                Map.of("name", "book club", "members", List.of(ben.id()))).json().get("id");

        ApiClient.Response byMember = api.patch("/api/groups/" + group, ben.token(), Map.of("name", "ben's club"));
        assertThat(byMember.status()).isEqualTo(403);
        assertThat(byMember.contentType()).startsWith("application/problem+json");
        assertThat(byMember.json()).containsEntry("code", "not_an_admin").containsEntry("status", 403);

        assertThat(api.patch("/api/groups/" + group, ann.token(), Map.of("name", "reading circle")).json())
                .containsEntry("name", "reading circle");
        assertThat(api.post("/api/groups/" + group + "/members", ann.token(), Map.of("userId", cat.id())).status())
                .isEqualTo(200);
        assertThat(api.post("/api/groups/" + group + "/admins", ann.token(), Map.of("userId", ben.id())).status())
                .isEqualTo(200);
        assertThat(api.post("/api/groups/" + group + "/leave", ann.token(), Map.of()).status()).isEqualTo(204);
        Map<String, Object> chat = api.get("/api/chats/" + group, ben.token()).json();
        assertThat(chat.get("members")).asList().hasSize(2);
        assertThat(api.get("/api/chats/" + group, ann.token()).status()).isEqualTo(404);
    }
}
