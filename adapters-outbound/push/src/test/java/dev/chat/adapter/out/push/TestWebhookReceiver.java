package dev.chat.adapter.out.push;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A webhook receiver as docs/push.md tells integrators to write one: it checks the Standard
 * Webhooks signature ({@code v1,} base64 HMAC-SHA256 of {@code id.timestamp.body}), refuses a
 * timestamp more than five minutes off (401), and processes each {@code webhook-id} once, answering
 * a repeat 200 without processing it again. Answers before processing can be scripted (503, ...).
 */
public final class TestWebhookReceiver implements AutoCloseable {
    private static final long TOLERANCE_SECONDS = 300;

    /** A request that passed the signature check and was processed. */
    public record Processed(String id, String body) {
    }

    private final HttpServer server;
    private final byte[] secret;
    private final Deque<Integer> script = new ArrayDeque<>();
    private final List<String> idsSeen = new ArrayList<>();
    private final Set<String> processedIds = new LinkedHashSet<>();
    private final List<Processed> processed = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();

    public TestWebhookReceiver(byte[] secret) {
        this.secret = secret.clone();
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hook", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "test-webhook-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** The next answers (before any processing), in order; 200 after them. */
    public synchronized void answer(Integer... statuses) {
        script.addAll(List.of(statuses));
    }

    /** Every webhook-id received, repeats included, in order. */
    public synchronized List<String> idsSeen() {
        return List.copyOf(idsSeen);
    }

    public synchronized List<Processed> processed() {
        return List.copyOf(processed);
    }

    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signatures = exchange.getRequestHeaders().getFirst("webhook-signature");
            synchronized (this) {
                idsSeen.add(id);
                String problem = problemWith(id, timestamp, signatures, body);
                if (problem != null) {
                    refused.add(problem);
                    exchange.sendResponseHeaders(401, -1);
                    return;
                }
                Integer scripted = script.poll();
                if (scripted != null) {
                    exchange.sendResponseHeaders(scripted, -1);
                    return;
                }
                if (processedIds.add(id)) {
                    processed.add(new Processed(id, new String(body, StandardCharsets.UTF_8)));
                }
            }
            exchange.sendResponseHeaders(200, -1);
        }
    }

    private String problemWith(String id, String timestamp, String signatures, byte[] body) {
        if (id == null || timestamp == null || signatures == null) {
            return "a webhook header is missing";
        }
        long sentAt = Long.parseLong(timestamp);
        if (Math.abs(Instant.now().getEpochSecond() - sentAt) > TOLERANCE_SECONDS) {
            return "timestamp " + timestamp + " is too far from now";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            for (String signature : signatures.split(" ")) {
                if (signature.startsWith("v1,") && MessageDigest.isEqual(expected,
                        Base64.getDecoder().decode(signature.substring(3)))) {
                    return null;
                }
            }
            return "no signature matches";
        } catch (Exception e) {
            return e.toString();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
