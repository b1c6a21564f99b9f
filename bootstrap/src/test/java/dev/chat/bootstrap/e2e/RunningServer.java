package dev.chat.bootstrap.e2e;

import dev.chat.adapter.in.websocket.JettyGateway;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The whole chat server, started for real on loopback with random ports and its own data folder:
 * REST on Netty, the WebSocket gateway on Jetty, H2 in file mode. It can be restarted on the same
 * folder to show that nothing acknowledged is lost.
 */
public final class RunningServer implements AutoCloseable {
    private final Path dataDir;
    private final Map<String, Object> extra;
    private final String[] environments;
    private ApplicationContext context;
    private EmbeddedServer server;

    private RunningServer(Path dataDir, Map<String, Object> extra, String... environments) {
        this.dataDir = dataDir;
        this.extra = extra;
        this.environments = environments;
    }

    static RunningServer start() {
        return start(Map.of());
    }

    public static RunningServer start(Map<String, Object> extra) {
        return start(extra, "test");
    }

    /** Starts in the given Micronaut environments, e.g. {@code distributed}. */
    static RunningServer start(Map<String, Object> extra, String... environments) {
        try {
            RunningServer running = new RunningServer(Files.createTempDirectory("chat-e2e-"), extra, environments);
            running.boot();
            return running;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private void boot() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("chat.data-dir", dataDir.toString());
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("chat.gateway.port", 0);
        properties.put("chat.gateway.host", "127.0.0.1");
        properties.put("chat.auth.bcrypt-cost", 4);
        // tests sign up, log in and call the API from one address far faster than people do
        properties.put("chat.limits.sign-up-per-address", "off");
        properties.put("chat.limits.log-in-per-address", "off");
        properties.put("chat.limits.rest-per-user", "off");
        properties.put("chat.limits.send-per-user", "off");
        properties.put("chat.limits.send-per-chat", "off");
        properties.putAll(extra);
        server = ApplicationContext.run(EmbeddedServer.class, properties, environments);
        context = server.getApplicationContext();
    }

    /** Stops the server and starts it again on the same data folder. */
    void restart() {
        server.stop();
        context.close();
        boot();
    }

    public URI api() {
        return URI.create("http://127.0.0.1:" + server.getPort());
    }

    public URI gateway() {
        return URI.create("ws://127.0.0.1:" + context.getBean(JettyGateway.class).port() + "/ws");
    }

    Path dataDir() {
        return dataDir;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
        if (context != null && context.isRunning()) {
            context.close();
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
