package dev.chat.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** A REST client over a real socket (the JDK's HttpClient), as an integrator would use the API. */
final class ApiClient {
    record Response(int status, String body, String contentType) {
        Map<String, Object> json() {
            return Json.object(body);
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    ApiClient(URI base) {
        this.base = base;
    }

    /** {@code user}'s presence as {@code token}'s holder may see it (GET /api/presence), asserting a 200. */
    Map<String, Object> presenceOf(String token, String user) {
        Response response = get("/api/presence?users=" + user, token);
        if (response.status() != 200) {
            throw new AssertionError("GET /api/presence answered " + response.status() + ": " + response.body());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> first = (Map<String, Object>) Json.array(response.body()).get(0);
        return first;
    }

    Response get(String path, String token) {
        return call(request(path, token).GET());
    }

    Response post(String path, String token, Object body) {
        return call(request(path, token).POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .header("Content-Type", "application/json"));
    }

    Response postRaw(String path, String token, String body) {
        return call(request(path, token).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"));
    }

    Response patch(String path, String token, Object body) {
        return call(request(path, token).method("PATCH", HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .header("Content-Type", "application/json"));
    }

    Response put(String path, String token, Object body) {
        return call(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .header("Content-Type", "application/json"));
    }

    Response delete(String path, String token) {
        return call(request(path, token).DELETE());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private static Response call(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
