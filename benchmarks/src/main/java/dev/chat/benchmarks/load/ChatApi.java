package dev.chat.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The chat server's REST API as the generator uses it: sign-up, log-in, chats, history. */
final class ChatApi {
    record User(String id, String username, String token) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final URI base;

    ChatApi(URI base) {
        this.base = base;
    }

    User signUp(String username, String password) {
        JsonNode created = call("POST", "/api/auth/signup", null,
                Map.of("username", username, "password", password), 201);
        JsonNode token = call("POST", "/api/auth/token", null,
                Map.of("username", username, "password", password), 200);
        return new User(created.get("id").asText(), username, token.get("access_token").asText());
    }

    String openDirectChat(User me, User other) {
        return call("POST", "/api/chats/direct", me.token(), Map.of("userId", other.id()), 200).get("id").asText();
    }

    String createGroup(User admin, String name, List<String> members) {
        return call("POST", "/api/groups", admin.token(), Map.of("name", name, "members", members), 201)
                .get("id").asText();
    }

    void addMember(User admin, String group, String userId) {
        call("POST", "/api/groups/" + group + "/members", admin.token(), Map.of("userId", userId), 200);
    }

    void removeMember(User admin, String group, String userId) {
        call("DELETE", "/api/groups/" + group + "/members/" + userId, admin.token(), null, 200);
    }

    /** One page of history; returns the number of messages and the next cursor (or -1). */
    long[] historyPage(User reader, String chat, long after, int limit) {
        JsonNode page = call("GET", "/api/chats/" + chat + "/messages?after=" + after + "&limit=" + limit,
                reader.token(), null, 200);
        return new long[]{page.get("messages").size(), page.get("next").isNull() ? -1 : page.get("next").asLong()};
    }

    /** Registers a Web Push subscription for one of the user's devices. */
    void registerWebPush(User user, String device, URI endpoint, String p256dh, String auth) {
        call("PUT", "/api/me/devices/" + device + "/push", user.token(), Map.of("webPush",
                Map.of("endpoint", endpoint.toString(), "keys", Map.of("p256dh", p256dh, "auth", auth))), 200);
    }

    HeartbeatSender.Session openPresenceSession(User user) {
        JsonNode session = call("POST", "/api/presence/sessions", user.token(), null, 201);
        return new HeartbeatSender.Session(java.util.Base64.getUrlDecoder().decode(session.get("ticket").asText()),
                java.util.Base64.getUrlDecoder().decode(session.get("key").asText()),
                session.get("serverTime").asLong() - System.currentTimeMillis());
    }

    /** A page's text, or empty when it cannot be read. */
    static String page(URI uri) {
        try {
            return java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    String prometheus() {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Content-Type", "application/json");
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
