package dev.chat.bootstrap.e2e;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A person signed up on the server under test, with their token, as a newcomer would do by hand. */
record ChatUser(String id, String username, String token) {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    static ChatUser signUp(ApiClient api, String name) {
        String username = name + "-" + SEQUENCE.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        ApiClient.Response created = api.post("/api/auth/signup", null,
                Map.of("username", username, "password", "correct horse battery", "displayName", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        ApiClient.Response token = api.post("/api/auth/token", null,
                Map.of("username", username, "password", "correct horse battery"));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return new ChatUser((String) created.json().get("id"), username, (String) token.json().get("access_token"));
    }

    String openDirectChatWith(ApiClient api, ChatUser other) {
        ApiClient.Response chat = api.post("/api/chats/direct", token, Map.of("userId", other.id()));
        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        return (String) chat.json().get("id");
    }
}
