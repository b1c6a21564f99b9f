package dev.chat.benchmarks.baseline;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The baseline: a bare WebSocket relay on the same stack as the chat gateway (Jakarta WebSocket on
 * Jetty 12, same thread pool bound), with no authentication, no storage and no fan-out logic.
 * A connection {@code ?device=<id>&peer=<id>} gets every text frame its peer sends, as sent.
 * Whatever the chat server does beyond this costs the difference.
 *   java -cp benchmarks.jar dev.chat.benchmarks.baseline.BareRelay [port]
 */
public final class BareRelay {
    private static final Map<String, Session> BY_DEVICE = new ConcurrentHashMap<>();

    private BareRelay() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8091;
        Server server = start(port, 32);
        System.out.println("bare relay listening on ws://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + "/ws");
        server.join();
    }

    public static Server start(int port, int maxThreads) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(maxThreads, 4);
        threads.setName("relay");
        Server server = new Server(threads);
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
            container.setDefaultMaxTextMessageBufferSize(16384);
            container.addEndpoint(ServerEndpointConfig.Builder.create(Relay.class, "/ws")
                    .subprotocols(List.of("chat.v1")).build());
        });
        server.setHandler(context);
        server.start();
        return server;
    }

    /** One connection: forwards what it receives to its peer. */
    public static final class Relay extends Endpoint implements MessageHandler.Whole<String> {
        private String peer;
        private String device;

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            Map<String, List<String>> query = session.getRequestParameterMap();
            device = query.getOrDefault("device", List.of("?")).get(0);
            peer = query.getOrDefault("peer", List.of("?")).get(0);
            BY_DEVICE.put(device, session);
            session.addMessageHandler(String.class, this);
        }

        @Override
        public void onMessage(String text) {
            Session target = BY_DEVICE.get(peer);
            if (target != null && target.isOpen()) {
                target.getAsyncRemote().sendText(text, result -> { });
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            BY_DEVICE.remove(device, session);
        }
    }
}
