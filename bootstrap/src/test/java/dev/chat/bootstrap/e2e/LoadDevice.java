package dev.chat.bootstrap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A device as a well-behaved client is (docs/protocol.md, "Writing a client"), for tests under load
 * across gateways: it keeps each sent frame until its {@code accepted}, resends unanswered ones with
 * the same id after a reconnect, stores each {@code message} once by its id, acknowledges what it
 * stored, and on a lost connection reconnects to the next gateway of its list. It counts, rather
 * than keeps, the frames it gets, so that thousands of messages cost little.
 */
final class LoadDevice implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A message as this device stored it. */
    record Stored(String chatId, String messageId, long position) {
    }

    private final String token;
    private final String device;
    private final List<URI> gateways;
    private int gatewayIndex;
    private volatile WebSocket socket;
    private volatile boolean closed;
    private final Object sendLock = new Object();

    /** Sent and not yet accepted, by client message id: the frame to resend. */
    private final Map<String, Map<String, Object>> unanswered = new LinkedHashMap<>();
    /** Accepted: client message id to message id. */
    private final Map<String, String> accepted = new HashMap<>();
    /** Stored messages by message id, in the order first received. */
    private final Map<String, Stored> stored = new LinkedHashMap<>();
    private final Map<String, Long> highestPosition = new HashMap<>();
    private final List<String> outOfOrder = new ArrayList<>();
    private final AtomicLong messageFrames = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong errors = new AtomicLong();
    /** Where and when each connection was made, and the caught_up frames: what a failure report prints. */
    private final List<String> history = new java.util.concurrent.CopyOnWriteArrayList<>();

    LoadDevice(String token, String device, List<URI> gateways, int firstGateway) {
        this.token = token;
        this.device = device;
        this.gateways = List.copyOf(gateways);
        this.gatewayIndex = firstGateway % gateways.size();
        connect();
    }

    private void connect() {
        RuntimeException last = null;
        for (int attempt = 0; attempt < gateways.size() * 20 && !closed; attempt++) {
            URI gateway = gateways.get(gatewayIndex);
            try {
                socket = HTTP.newWebSocketBuilder().subprotocols("chat.v1").header("Authorization", "Bearer " + token)
                        .connectTimeout(Duration.ofSeconds(3))
                        .buildAsync(URI.create(gateway + "?device=" + device), new Listener())
                        .orTimeout(5, TimeUnit.SECONDS).join();
                connections.incrementAndGet();
                history.add(java.time.LocalTime.now() + " connected to " + gateway.getPort());
                List<Map<String, Object>> resend;
                synchronized (this) {
                    resend = new ArrayList<>(unanswered.values());
                }
                resend.forEach(this::write);
                return;
            } catch (RuntimeException e) {
                last = e;
                gatewayIndex = (gatewayIndex + 1) % gateways.size();
                pause(100 + attempt * 50L);
            }
        }
        if (!closed) {
            throw new IllegalStateException(device + " could not connect to any gateway", last);
        }
    }

    /** Sends a message; its {@code accepted} is awaited by {@link #unanswered()} reaching zero. */
    void send(String chatId, String clientId, String body) {
        Map<String, Object> frame = Map.of("type", "send", "id", clientId, "chatId", chatId, "body", body);
        synchronized (this) {
            unanswered.put(clientId, frame);
        }
        write(frame);
    }

    private void write(Map<String, Object> frame) {
        String text = Json.write(frame);
        synchronized (sendLock) {
            WebSocket current = socket;
            try {
                current.sendText(text, true).orTimeout(5, TimeUnit.SECONDS).join();
            } catch (RuntimeException e) {
                // the connection is going: the frame stays unanswered and is resent after the reconnect
            }
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                handle(Json.object(partial.toString()));
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            lost(webSocket);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            lost(webSocket);
        }
    }

    private void handle(Map<String, Object> frame) {
        String type = (String) frame.get("type");
        if ("message".equals(type)) {
            messageFrames.incrementAndGet();
            String chatId = (String) frame.get("chatId");
            String messageId = (String) frame.get("messageId");
            long position = ((Number) frame.get("position")).longValue();
            synchronized (this) {
                if (stored.containsKey(messageId)) {
                    redelivered.incrementAndGet();
                } else {
                    long highest = highestPosition.getOrDefault(chatId, 0L);
                    if (position <= highest) {
                        outOfOrder.add(chatId + ": " + position + " after " + highest);
                    }
                    highestPosition.put(chatId, Math.max(highest, position));
                    stored.put(messageId, new Stored(chatId, messageId, position));
                }
            }
            write(Map.of("type", "ack", "chatId", chatId, "position", position));
        } else if ("accepted".equals(type)) {
            String clientId = (String) frame.get("id");
            synchronized (this) {
                unanswered.remove(clientId);
                accepted.put(clientId, (String) frame.get("messageId"));
            }
        } else if ("caught_up".equals(type)) {
            history.add(java.time.LocalTime.now() + " caught up " + frame.get("count"));
        } else if ("error".equals(type)) {
            errors.incrementAndGet();
            history.add(java.time.LocalTime.now() + " error " + frame);
        }
    }

    private void lost(WebSocket which) {
        if (closed || which != socket) {
            return;
        }
        history.add(java.time.LocalTime.now() + " lost its connection");
        // reconnect off the listener's thread, to the next gateway
        Thread reconnect = new Thread(() -> {
            gatewayIndex = (gatewayIndex + 1) % gateways.size();
            pause(200);
            connect();
        }, "reconnect-" + device);
        reconnect.setDaemon(true);
        reconnect.start();
    }

    synchronized int unanswered() {
        return unanswered.size();
    }

    synchronized Map<String, String> accepted() {
        return Map.copyOf(accepted);
    }

    synchronized Map<String, Stored> stored() {
        return new LinkedHashMap<>(stored);
    }

    synchronized List<String> outOfOrder() {
        return List.copyOf(outOfOrder);
    }

    long messageFrames() {
        return messageFrames.get();
    }

    long redelivered() {
        return redelivered.get();
    }

    int connections() {
        return connections.get();
    }

    long errors() {
        return errors.get();
    }

    /** For a failure report: the connection history and the highest position stored per chat. */
    synchronized String describe() {
        return "history " + history + ", highest positions stored " + highestPosition;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        WebSocket current = socket;
        if (current != null) {
            current.sendClose(WebSocket.NORMAL_CLOSURE, "done").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
    }
}
