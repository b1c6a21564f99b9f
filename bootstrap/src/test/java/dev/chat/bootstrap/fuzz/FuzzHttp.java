package dev.chat.bootstrap.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The REST API over one keep-alive HTTP/1.1 client, shared by the fixtures and the fuzzer's threads. */
final class FuzzHttp {
    record Response(int status, String body, String contentType) {
        Map<String, Object> json() {
            return Json.object(body);
        }
    }

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    FuzzHttp(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30));
    }

    Response get(String path, String token) {
        return send(authorized(request(path), token).GET().build());
    }

    Response post(String path, String token, Object body) {
        return send(authorized(request(path), token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build());
    }

    Response send(HttpRequest request) {
        try {
            return toResponse(client.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder builder, String token) {
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static Response toResponse(HttpResponse<String> response) {
        return new Response(response.statusCode(), response.body(),
                response.headers().firstValue("Content-Type").orElse(""));
    }
}
