package dev.chat.adapter.in.websocket;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The chat gateway's own embedded Jetty 12, serving the Jakarta WebSocket endpoint at
 * {@code chat.gateway.path} on {@code chat.gateway.port}. Started and stopped with the application.
 * The thread pool is bounded: WebSocket I/O needs few threads, and every thread costs memory.
 * On a graceful shutdown it stops taking connections and sends its devices away (1012) before any
 * store closes, so that no frame arrives while the stores go.
 */
@Context
@Requires(property = "chat.gateway.enabled", notEquals = "false")
public final class JettyGateway implements GracefulShutdownCapable {
    private static final Logger LOG = LoggerFactory.getLogger(JettyGateway.class);
    private static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofSeconds(3);

    private final GatewayServices services;
    private final FrameEncoder encoder;
    private Server server;
    private ServerConnector connector;

    JettyGateway(GatewayServices services, FrameEncoder encoder) {
        this.services = services;
        this.encoder = encoder;
    }

    @PostConstruct
    void start() throws Exception {
        GatewayConfiguration config = services.config();
        QueuedThreadPool threads = new QueuedThreadPool(config.maxThreads(), config.minThreads());
        threads.setName("gateway");
        server = new Server(threads);
        connector = new ServerConnector(server);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setIdleTimeout(config.idleTimeout().toMillis());
        connector.setAcceptQueueSize(config.acceptQueue());
        // frames are decoded byte by byte (UTF-8, unmasking): from a heap buffer that is markedly cheaper
        connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration()
                .setUseInputDirectByteBuffers(false);
        server.addConnector(connector);

        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(config.maxFrameBytes());
            container.setDefaultMaxSessionIdleTimeout(config.idleTimeout().toMillis());
            container.addEndpoint(ServerEndpointConfig.Builder.create(ChatConnection.class, config.path())
                    .subprotocols(List.of(HandshakeAuthenticator.SUBPROTOCOL))
                    .configurator(new GatewayConfigurator(services, encoder))
                    .build());
        });
        server.setHandler(context);
        server.setStopTimeout(2_000);
        server.start();
        LOG.info("chat gateway listening on ws://{}:{}{}", config.host(), port(), config.path());
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return connector.getLocalPort();
    }

    @Override
    public CompletionStage<?> shutdownGracefully() {
        if (server != null) {
            // the listening socket stays open until Jetty stops: closing it early reset connections
            // that still had frames in flight, and a device could lose its 1012 in the reset
            services.slots().stopTaking();
            services.connect().disconnectAll();
            return closesDone();
        }
        return CompletableFuture.completedFuture(null);
    }

    /**
     * Completes when every device answered its 1012 and its connection is gone, or after
     * {@link #CLOSE_WAIT}: stopping Jetty earlier resets connections whose devices are still
     * sending, and a reset can discard the close frame before the device reads it.
     */
    private CompletableFuture<Void> closesDone() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
            while (services.slots().open() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    break;
                }
            }
            done.complete(null);
        }, "gateway-closing");
        waiter.setDaemon(true);
        waiter.start();
        return done;
    }

    @PreDestroy
    void stop() throws Exception {
        if (server != null) {
            // before the connector goes: each device gets 1012 with its own wait, not a bare 1001 all at once
            services.connect().disconnectAll();
            server.stop();
        }
    }
}
