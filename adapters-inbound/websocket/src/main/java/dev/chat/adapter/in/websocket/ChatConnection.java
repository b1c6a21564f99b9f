package dev.chat.adapter.in.websocket;

import dev.chat.application.limits.RateGate;
import dev.chat.application.limits.RateLimit;
import dev.chat.domain.user.InvalidTokenException;
import dev.chat.adapter.in.websocket.frames.ClientFrame;
import dev.chat.adapter.in.websocket.frames.FrameShape;
import dev.chat.adapter.in.websocket.frames.ServerFrames;
import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.delivery.DeviceSink;
import dev.chat.application.delivery.DisconnectReason;
import dev.chat.application.identity.Caller;
import dev.chat.domain.RejectedException;
import jakarta.websocket.CloseReason;
import org.eclipse.jetty.ee10.websocket.jakarta.common.JakartaWebSocketSession;
import org.eclipse.jetty.util.Callback;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import io.micronaut.json.tree.JsonNode;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One device's WebSocket connection: decodes its frames into use case calls and writes the
 * core's events back as frames. Writes are asynchronous; if more than
 * {@code chat.gateway.max-queued-events} wait unwritten, the device is too slow and is
 * disconnected (it resumes from its offsets when it reconnects).
 */
public final class ChatConnection extends Endpoint implements DeviceSink, MessageHandler.Whole<String> {
    private static final Logger LOG = LoggerFactory.getLogger(ChatConnection.class);

    private final GatewayServices services;
    private final FrameEncoder encoder;
    private final ClientRequests requests;
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    private final RateGate sendLimit;
    private volatile Session session;
    private volatile DeviceSession deviceSession;
    private volatile Caller caller;

    ChatConnection(GatewayServices services, FrameEncoder encoder) {
        this.services = services;
        this.encoder = encoder;
        this.requests = new ClientRequests(services, this);
        this.sendLimit = RateGate.of(new RateLimit(services.config().sendRatePerSecond(), Duration.ofSeconds(1),
                services.config().sendBurst()), System.nanoTime());
    }

    /** Whether this connection took one of the gateway's slots (released once, on close). */
    private volatile boolean holdsSlot;

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        this.session = session;
        Object outcome = config.getUserProperties().get(GatewayConfigurator.OUTCOME);
        if (!(outcome instanceof HandshakeAuthenticator.Outcome.Authenticated authenticated)) {
            // refused at the handshake: close with the standard code, the reason names the failure
            String code = outcome instanceof HandshakeAuthenticator.Outcome.Refused refused
                    ? refused.code() : "unauthenticated";
            close(CloseCodes.POLICY_VIOLATION, code);
            return;
        }
        if (services.slots().isStopping()) {
            disconnect(DisconnectReason.NODE_STOPPING);
            return;
        }
        if (!services.slots().tryOpen()) {
            services.metrics().refused("gateway_full");
            close(CloseCodes.TRY_AGAIN_LATER, "gateway_full");
            return;
        }
        holdsSlot = true;
        try {
            // frames are gathered and written on flush: see write()
            session.getAsyncRemote().setBatchingAllowed(true);
        } catch (IOException e) {
            LOG.debug("batching refused for {}: {}", session.getId(), e.toString());
        }
        session.setMaxTextMessageBufferSize(services.config().maxFrameBytes());
        session.setMaxIdleTimeout(services.config().idleTimeout().toMillis());
        caller = authenticated.caller();
        deviceSession = services.connect().connect(authenticated.caller(), authenticated.device(), this);
        session.addMessageHandler(String.class, this);
        session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) binary -> reply(
                new ServerFrames.Error(null, "malformed_json", "binary messages are not part of the protocol: send "
                        + "each frame as a JSON object in a text message")));
    }

    @Override
    public void onMessage(String text) {
        JsonNode tree;
        try {
            tree = services.json().readValue(text, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            reply(new ServerFrames.Error(null, "malformed_json", "the frame is not JSON"));
            return;
        }
        if (tree == null || !tree.isObject()) {
            reply(new ServerFrames.Error(null, "malformed_json", "the frame is not a JSON object"));
            return;
        }
        if (!FrameShape.nothingAfterTheObject(text)) {
            reply(new ServerFrames.Error(null, "malformed_json", "the frame is not JSON: something follows its object"));
            return;
        }
        // the id is echoed whenever it can be read, so that a client's pending request ends with this answer
        String id = FrameShape.readableId(tree);
        String wrong = FrameShape.memberOfTheWrongType(tree);
        if (wrong != null) {
            reply(new ServerFrames.Error(id, "malformed_json", "member " + wrong));
            return;
        }
        ClientFrame frame;
        try {
            frame = services.json().readValueFromTree(tree, ClientFrame.class);
        } catch (IOException | RuntimeException e) {
            reply(new ServerFrames.Error(id, "malformed_json", "the frame is not a JSON object of the protocol"));
            return;
        }
        try {
            requests.handle(frame);
        } catch (RuntimeException e) {
            fail(frame.id(), e);
        }
    }

    /** Answers a failed request with an error frame; the connection keeps serving. */
    void fail(String frameId, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        if (cause instanceof RejectedException rejected) {
            services.metrics().refused(rejected.rejection().code());
            reply(new ServerFrames.Error(frameId, rejected.rejection().code(), rejected.getMessage()));
        } else if (cause instanceof ProtocolException protocol) {
            services.metrics().refused(protocol.code());
            reply(new ServerFrames.Error(frameId, protocol.code(), protocol.getMessage()));
        } else if (cause instanceof InvalidTokenException invalid) {
            reply(new ServerFrames.Error(frameId, invalid.failure().code(), invalid.getMessage()));
        } else {
            LOG.error("request {} of {} failed", frameId, deviceSession, cause);
            services.metrics().refused("internal_error");
            reply(new ServerFrames.Error(frameId, "internal_error", "the server failed; retry later"));
        }
    }

    boolean allowSend() {
        return sendLimit.tryAcquire(System.nanoTime());
    }

    Caller caller() {
        return caller;
    }

    DeviceSession deviceSession() {
        return deviceSession;
    }

    @Override
    public void push(DeviceEvent event) {
        write(encoder.encode(event), true);
    }

    @Override
    public void pushHeld(DeviceEvent event) {
        write(encoder.encode(event), false);
    }

    @Override
    public void flush() {
        Session s = session;
        if (s != null && s.isOpen()) {
            flush(s);
        }
    }

    void reply(Record frame) {
        write(encoder.encode(frame), true);
    }

    /** Like {@link #reply}, but the write may wait a moment to go out with the next replies ({@link DeferredFlusher}). */
    void replySoon(Record frame) {
        write(encoder.encode(frame), false);
        if (flushScheduled.compareAndSet(false, true)) {
            services.flusher().schedule(() -> {
                flushScheduled.set(false);
                flush();
            });
        }
    }

    /**
     * Queues the frame; with {@code flushNow} also writes it and whatever was held before it. The
     * connection allows batching, so frames queued without a flush are gathered into one write.
     */
    private void write(String text, boolean flushNow) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        if (queued.incrementAndGet() > services.config().maxQueuedEvents()) {
            queued.decrementAndGet();
            disconnect(DisconnectReason.SLOW_CONSUMER);
            return;
        }
        try {
            s.getAsyncRemote().sendText(text, result -> queued.decrementAndGet());
        } catch (RuntimeException e) {
            queued.decrementAndGet();
            LOG.debug("write to {} failed: {}", deviceSession, e.toString());
            return;
        }
        if (flushNow) {
            flush(s);
        }
    }

    /**
     * Writes the gathered frames without waiting for the socket. Jakarta's {@code flushBatch()}
     * blocks until the bytes are written, which a slow device would turn into a stall of the thread
     * that fans out to everyone; Jetty's own session flushes asynchronously, so it is used when the
     * container is Jetty (it always is here) and the standard call only otherwise.
     */
    private void flush(Session s) {
        try {
            if (s instanceof JakartaWebSocketSession jetty) {
                jetty.getCoreSession().flush(Callback.NOOP);
            } else {
                s.getAsyncRemote().flushBatch();
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("flush to {} failed: {}", deviceSession, e.toString());
        }
    }

    @Override
    public int queueLimit() {
        return services.config().maxQueuedEvents();
    }

    @Override
    public int queued() {
        return queued.get();
    }

    @Override
    public void disconnect(DisconnectReason reason) {
        switch (reason) {
            case REPLACED -> close(CloseCodes.REPLACED, "replaced by a newer connection of the same device");
            case SLOW_CONSUMER -> close(CloseCodes.TRY_AGAIN_LATER, "slow consumer");
            case CATCH_UP_FAILED -> close(CloseCodes.TRY_AGAIN_LATER, "catch-up failed");
            case NODE_STOPPING -> close(CloseCodes.SERVICE_RESTART, "reconnect after "
                    + ReconnectSpread.pick(services.config().reconnectSpread()).toMillis() + " ms");
        }
    }

    private void close(int code, String reason) {
        Session s = session;
        if (s == null || !s.isOpen()) {
            return;
        }
        services.metrics().closed(code);
        try {
            s.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.debug("closing {} failed: {}", deviceSession, e.toString());
        }
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        if (holdsSlot) {
            holdsSlot = false;
            services.slots().closed();
        }
        DeviceSession ds = deviceSession;
        if (ds != null) {
            services.connect().disconnect(ds);
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.debug("connection of {} failed: {}", deviceSession, error.toString());
    }
}
