package dev.chat.bootstrap.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A device's WebSocket connection over a real socket (the JDK's WebSocket client). Frames are kept
 * in arrival order; tests wait for the frames they expect.
 */
final class WsClient implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final List<Map<String, Object>> frames = new ArrayList<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final Consumer<Map<String, Object>> observer;
    private volatile String closeReason;
    private WebSocket socket;

    private WsClient(Consumer<Map<String, Object>> observer) {
        this.observer = observer;
    }

    /** Connects with the token in the Authorization header. */
    static WsClient connect(URI gateway, String token, String device) {
        return connect(gateway, token, device, null);
    }

    /**
     * Connects a device whose frames are not held: each goes to {@code observer} as it arrives, on
     * the client's thread (for senders under load, whose held frames would only pile up).
     */
    static WsClient connectObserving(URI gateway, String token, String device, Consumer<Map<String, Object>> observer) {
        return connect(gateway, token, device, observer);
    }

    private static WsClient connect(URI gateway, String token, String device, Consumer<Map<String, Object>> observer) {
        WsClient client = new WsClient(observer);
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().subprotocols("chat.v1")
                .connectTimeout(Duration.ofSeconds(5));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        client.socket = builder.buildAsync(URI.create(gateway + "?device=" + device), client.listener())
                .orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    /** Connects as a browser must: the token as a {@code bearer.<token>} subprotocol. */
    static WsClient connectWithSubprotocolToken(URI gateway, String token, String device) {
        WsClient client = new WsClient(null);
        client.socket = HTTP.newWebSocketBuilder().subprotocols("chat.v1", "bearer." + token)
                .buildAsync(URI.create(gateway + "?device=" + device), client.listener())
                .orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    Map<String, Object> frame = Json.object(partial.toString());
                    partial.setLength(0);
                    if (observer != null) {
                        observer.accept(frame);
                    } else {
                        synchronized (frames) {
                            frames.add(frame);
                            frames.notifyAll();
                        }
                    }
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                closeReason = reason;
                closeCode.complete(statusCode);
                synchronized (frames) {
                    frames.notifyAll();
                }
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                closeCode.complete(-1);
                synchronized (frames) {
                    frames.notifyAll();
                }
            }
        };
    }

    String subprotocol() {
        return socket.getSubprotocol();
    }

    void send(Map<String, Object> frame) {
        sendRaw(Json.write(frame));
    }

    void sendRaw(String text) {
        socket.sendText(text, true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    void sendBinary(byte[] bytes) {
        socket.sendBinary(java.nio.ByteBuffer.wrap(bytes), true).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Sends a message and returns the server's acknowledgement (an {@code accepted} frame). */
    Map<String, Object> sendMessage(String chatId, String clientId, String body) {
        send(Map.of("type", "send", "id", clientId, "chatId", chatId, "body", body));
        return next(f -> "accepted".equals(f.get("type")) && clientId.equals(f.get("id"))
                || "error".equals(f.get("type")) && clientId.equals(f.get("id")));
    }

    /** Removes and returns the first frame that matches, waiting for it. */
    Map<String, Object> next(Predicate<Map<String, Object>> wanted) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        synchronized (frames) {
            while (true) {
                Iterator<Map<String, Object>> it = frames.iterator();
                while (it.hasNext()) {
                    Map<String, Object> frame = it.next();
                    if (wanted.test(frame)) {
                        it.remove();
                        return frame;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closeCode.isDone()) {
                    throw new AssertionError("no matching frame within " + WAIT + "; closed="
                            + closeCode.getNow(null) + "; frames held: " + frames);
                }
                try {
                    frames.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    Map<String, Object> nextOfType(String type) {
        return next(f -> type.equals(f.get("type")));
    }

    /** The next {@code n} messages of a chat, in arrival order. */
    List<Map<String, Object>> messages(String chatId, int n) {
        List<Map<String, Object>> received = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            received.add(next(f -> "message".equals(f.get("type")) && chatId.equals(f.get("chatId"))));
        }
        return received;
    }

    /** Frames of a type that arrived so far and are still held (without waiting). */
    List<Map<String, Object>> held(String type) {
        synchronized (frames) {
            return frames.stream().filter(f -> type.equals(f.get("type"))).toList();
        }
    }

    /** Waits a moment and asserts no frame of the type arrived (for "gets nothing" checks). */
    List<Map<String, Object>> heldAfter(Duration quiet, String type) {
        try {
            Thread.sleep(quiet.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return held(type);
    }

    void acknowledge(String chatId, long position) {
        send(Map.of("type", "ack", "chatId", chatId, "position", position));
    }

    int awaitClose() {
        return closeCode.orTimeout(WAIT.toSeconds(), TimeUnit.SECONDS).join();
    }

    String closeReason() {
        return closeReason;
    }

    boolean isOpen() {
        return !closeCode.isDone() && !socket.isOutputClosed();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        closeCode.completeOnTimeout(1000, 5, TimeUnit.SECONDS).join();
    }
}
