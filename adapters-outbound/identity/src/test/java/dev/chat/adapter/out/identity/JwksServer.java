package dev.chat.adapter.out.identity;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A provider's JWKS endpoint on 127.0.0.1, whose keys a test can rotate and which it can make fail. */
final class JwksServer implements AutoCloseable {
    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile String jwkSetJson = new JWKSet().toString();
    private volatile int status = 200;

    private JwksServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/jwks.json", exchange -> {
            requests.incrementAndGet();
            byte[] body = (status == 200 ? jwkSetJson : "{\"error\":\"down\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static JwksServer publishing(JWK... keys) {
        try {
            JwksServer server = new JwksServer();
            server.publish(keys);
            return server;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Publishes the public halves of the keys, as a provider does. */
    void publish(JWK... keys) {
        jwkSetJson = new JWKSet(List.of(keys)).toPublicJWKSet().toString();
    }

    void failWith(int httpStatus) {
        status = httpStatus;
    }

    String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks.json";
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
