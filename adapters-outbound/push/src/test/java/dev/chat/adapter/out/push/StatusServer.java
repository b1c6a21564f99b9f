package dev.chat.adapter.out.push;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Optional;

/** Answers {@code /status/<code>} with that status, and {@code ?retryAfter=<value>} as Retry-After. */
final class StatusServer implements AutoCloseable {
    private final HttpServer server;

    StatusServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/status/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                String query = exchange.getRequestURI().getQuery();
                if (query != null && query.startsWith("retryAfter=")) {
                    exchange.getResponseHeaders().add("Retry-After", query.substring("retryAfter=".length()));
                }
                int status = Integer.parseInt(exchange.getRequestURI().getPath().substring("/status/".length()));
                exchange.sendResponseHeaders(status, -1);
            }
        });
        server.start();
    }

    URI answering(int status, Optional<String> retryAfter) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/status/" + status
                + retryAfter.map(value -> "?retryAfter=" + value.replace(" ", "%20")).orElse(""));
    }

    /** An address where nothing listens: a port that was free a moment ago. */
    static URI unreachable() {
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/gone-away");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
