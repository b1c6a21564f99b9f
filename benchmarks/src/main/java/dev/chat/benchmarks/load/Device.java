package dev.chat.benchmarks.load;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** One simulated device: a WebSocket connection whose received frames go to a handler. */
public final class Device extends Session.Listener.AbstractAutoDemanding {
    private final Consumer<String> onFrame;
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile Session session;

    private Device(Consumer<String> onFrame) {
        this.onFrame = onFrame;
    }

    /** Connects with a bearer token (null for the bare relay) and completes once the upgrade is done. */
    static CompletableFuture<Device> connect(WebSocketClient client, URI gateway, String token, String query,
                                             Consumer<String> onFrame) {
        Device device = new Device(onFrame);
        ClientUpgradeRequest request = new ClientUpgradeRequest();
        request.setSubProtocols("chat.v1");
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        try {
            return client.connect(device, URI.create(gateway + "?" + query), request).thenApply(s -> device);
        } catch (java.io.IOException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void onWebSocketOpen(Session session) {
        super.onWebSocketOpen(session);
        this.session = session;
    }

    @Override
    public void onWebSocketText(String message) {
        onFrame.accept(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closed.complete(statusCode);
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closed.complete(-1);
    }

    void send(String text) {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.sendText(text, Callback.NOOP);
        }
    }

    boolean connected() {
        Session s = session;
        return s != null && s.isOpen() && !closed.isDone();
    }

    void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(1000, "done", Callback.NOOP);
            closed.completeOnTimeout(1000, 2, TimeUnit.SECONDS);
        }
    }
}
