package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web client as the API process serves it, over real HTTP: the page at the root and its files
 * with their security headers, the configuration the page reads first, the API not shadowed by the
 * files, and CORS: off by default, on for listed origins only. (scripts/browser-test drives the
 * page itself in Chromium.)
 */
class WebClientServingTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RunningServer server;
    private static RunningServer withCors;
    private static int gatewayPort;

    @BeforeAll
    static void start() {
        gatewayPort = ServerProcess.freePort();
        server = RunningServer.start(Map.of("chat.gateway.port", gatewayPort));
        withCors = RunningServer.start(Map.of(
                "micronaut.server.cors.enabled", true,
                "micronaut.server.cors.configurations.integrators.allowed-origins", "https://app.example.test"));
    }

    @AfterAll
    static void stop() {
        server.close();
        withCors.close();
    }

    @Test
    void thePageIsAtTheRootWithItsModulesAndStylesAndAPolicyThatAllowsNoInlineScript() {
        HttpResponse<String> page = get(server, "/", Map.of());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"/js/app.js\">");
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy -> assertThat(policy)
                .contains("script-src 'self'", "connect-src 'self' ws: wss:", "frame-ancestors 'none'")
                .doesNotContain("unsafe-inline"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");

        for (var file : Map.of("/js/app.js", "javascript", "/js/connection.js", "javascript", "/style.css", "text/css",
                "/sw.js", "javascript").entrySet()) {
            HttpResponse<String> response = get(server, file.getKey(), Map.of());
            assertThat(response.statusCode()).as(file.getKey()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).as(file.getKey())
                    .hasValueSatisfying(type -> assertThat(type).contains(file.getValue()));
        }
        assertThat(get(server, "/js/no-such-module.js", Map.of()).statusCode()).isEqualTo(404);
    }

    @Test
    void theConfigurationTellsThePageHowToLogInAndWhereTheGatewayListens() {
        HttpResponse<String> config = get(server, "/web-client/config", Map.of());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(Json.object(config.body()))
                .containsEntry("signUp", true)
                .containsEntry("oidc", null)
                .containsEntry("gatewayPort", gatewayPort)
                .containsEntry("gatewayPath", "/ws")
                .containsEntry("heartbeatIntervalSeconds", 10);
    }

    @Test
    void theApiIsNotShadowedByTheFilesAndCarriesNoPagePolicy() {
        HttpResponse<String> api = get(server, "/api/chats", Map.of());
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(Json.object(api.body())).containsEntry("code", "token_missing");
        assertThat(api.headers().firstValue("Content-Security-Policy")).isEmpty();
        assertThat(get(server, "/health", Map.of()).statusCode()).isEqualTo(200);
    }

    @Test
    void corsIsOffByDefault() {
        HttpResponse<String> preflight = preflight(server, "https://app.example.test");
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        HttpResponse<String> call = get(server, "/web-client/config", Map.of("Origin", "https://app.example.test"));
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void aListedOriginGetsItsPreflightAnsweredAndAnotherDoesNot() {
        HttpResponse<String> allowed = preflight(withCors, "https://app.example.test");
        assertThat(allowed.statusCode()).isEqualTo(200);
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.test");
        assertThat(allowed.headers().allValues("Access-Control-Allow-Headers").toString().toLowerCase()).contains("authorization");
        assertThat(allowed.headers().firstValue("Access-Control-Allow-Credentials")).isEmpty();

        HttpResponse<String> other = preflight(withCors, "https://evil.example.test");
        assertThat(other.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();

        HttpResponse<String> call = get(withCors, "/api/chats", Map.of("Origin", "https://app.example.test"));
        assertThat(call.statusCode()).isEqualTo(401);
        assertThat(call.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.test");
        assertThat(call.headers().firstValue("Access-Control-Expose-Headers")).hasValueSatisfying(h -> assertThat(h).contains("Retry-After"));
    }

    private static HttpResponse<String> preflight(RunningServer target, String origin) {
        return send(HttpRequest.newBuilder(target.api().resolve("/api/auth/token"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type"));
    }

    private static HttpResponse<String> get(RunningServer target, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.api().resolve(path)).GET();
        headers.forEach(request::header);
        return send(request);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
