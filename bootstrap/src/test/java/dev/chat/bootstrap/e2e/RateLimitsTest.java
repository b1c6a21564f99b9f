package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The REST API's rate limits, as configuration sets them: sign-up and log-in per address, requests
 * per user. Past a limit: 429 rate_limited with Retry-After, and nothing done.
 */
class RateLimitsTest {
    private static RunningServer server;
    private static ApiClient api;

    @BeforeAll
    static void start() {
        server = RunningServer.start(Map.of("chat.presence.udp.port", 0,
                "chat.limits.sign-up-per-address", "3/1h",
                "chat.limits.log-in-per-address", "4/1m",
                "chat.limits.rest-per-user", "5/1m"));
        api = new ApiClient(server.api());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ApiClient.Response signUp(String username) {
        return api.post("/api/auth/signup", null, Map.of("username", username, "password", "correct horse battery"));
    }

    private static ApiClient.Response logIn(String username, String password) {
        return api.post("/api/auth/token", null, Map.of("username", username, "password", password));
    }

    private static void assertRateLimited(ApiClient.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(429);
        assertThat(response.json()).containsEntry("code", "rate_limited");
    }

    @Test
    void signUpsLogInsAndRequestsPastTheirLimitsAreRefusedWith429AndChangeNothing() {
        String suffix = Long.toString(System.nanoTime() % 1_000_000, 36);
        assertThat(signUp("rl-a-" + suffix).status()).isEqualTo(201);
        assertThat(signUp("rl-b-" + suffix).status()).isEqualTo(201);
        assertThat(signUp("rl-c-" + suffix).status()).isEqualTo(201);
        assertRateLimited(signUp("rl-d-" + suffix));

        // password guessing: four tries a minute from one address, then refused before any hash is checked
        for (int i = 0; i < 2; i++) {
            assertThat(logIn("rl-a-" + suffix, "wrong password " + i).status()).isEqualTo(401);
        }
        ApiClient.Response token = logIn("rl-a-" + suffix, "correct horse battery");
        assertThat(token.status()).isEqualTo(200);
        assertThat(logIn("rl-d-" + suffix, "correct horse battery").status())
                .as("the refused sign-up stored nobody").isEqualTo(401);
        assertRateLimited(logIn("rl-a-" + suffix, "correct horse battery"));

        String ann = (String) token.json().get("access_token");
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/api/chats", ann).status()).isEqualTo(200);
        }
        ApiClient.Response sixth = api.get("/api/chats", ann);
        assertRateLimited(sixth);
        assertThat(sixth.body()).contains("limit: 5 per PT1M");
    }
}
