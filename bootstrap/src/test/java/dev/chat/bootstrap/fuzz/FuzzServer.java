package dev.chat.bootstrap.fuzz;

import dev.chat.adapter.in.udp.UdpPresenceListener;
import dev.chat.bootstrap.e2e.RunningServer;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server under fuzzing: the embedded default on loopback, with every rate limit out of the
 * way (RunningServer turns off most of chat.limits.*, this the presence limit per session and the
 * gateway's own per-connection send rate),
 * so that whatever is refused is refused for its content. Also the fixtures' REST calls, each
 * asserting the documented success.
 */
final class FuzzServer implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger USERS = new AtomicInteger();

    private final RunningServer server;
    private final FuzzHttp http;

    private FuzzServer(RunningServer server) {
        this.server = server;
        this.http = new FuzzHttp(server.api());
    }

    private static FuzzServer shared;

    /**
     * The one server of a test run's fuzz classes, started at first use and stopped when the JVM
     * exits: each class brings its own users, and a server start costs as much as 10,000 inputs.
     */
    static synchronized FuzzServer shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "fuzz-server-stop"));
        }
        return shared;
    }

    static FuzzServer start() {
        return new FuzzServer(RunningServer.start(Map.of(
                "chat.presence.udp.port", 0,
                // the control user's genuine heartbeats come once per periodic check: on a fast run
                // twelve fell within two seconds, past the 1/s burst 10 limit, and one was counted rate_limited
                "chat.limits.presence-per-session", "off",
                "chat.gateway.send-rate-per-second", 10_000_000,
                "chat.gateway.send-burst", 10_000_000)));
    }

    URI gateway() {
        return server.gateway();
    }

    int udpPort() {
        return server.bean(UdpPresenceListener.class).port();
    }

    FuzzHttp http() {
        return http;
    }

    FuzzUser signUp(String name) {
        String username = name + "-" + USERS.incrementAndGet() + "-" + System.nanoTime() % 100_000;
        FuzzHttp.Response created = http.post("/api/auth/signup", null,
                Map.of("username", username, "password", PASSWORD, "displayName", name));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        FuzzHttp.Response token = http.post("/api/auth/token", null,
                Map.of("username", username, "password", PASSWORD));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        return new FuzzUser((String) created.json().get("id"), username, (String) token.json().get("access_token"));
    }

    String openDirectChat(FuzzUser from, FuzzUser to) {
        FuzzHttp.Response chat = http.post("/api/chats/direct", from.token(), Map.of("userId", to.id()));
        assertThat(chat.status()).as(chat.body()).isEqualTo(200);
        return (String) chat.json().get("id");
    }

    String createGroup(FuzzUser admin, String name, List<String> members) {
        FuzzHttp.Response group = http.post("/api/groups", admin.token(), Map.of("name", name, "members", members));
        assertThat(group.status()).as(group.body()).isEqualTo(201);
        return (String) group.json().get("id");
    }

    /** Every message of a chat the user can read, oldest first, page after page. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> history(FuzzUser reader, String chatId) {
        List<Map<String, Object>> messages = new ArrayList<>();
        long after = 0;
        while (true) {
            FuzzHttp.Response page = http.get("/api/chats/" + chatId + "/messages?limit=500&after=" + after,
                    reader.token());
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            Map<String, Object> json = page.json();
            messages.addAll((List<Map<String, Object>>) json.get("messages"));
            if (json.get("next") == null) {
                return messages;
            }
            after = ((Number) json.get("next")).longValue();
        }
    }

    /** The ids of the user's chats (GET /api/chats). */
    @SuppressWarnings("unchecked")
    List<String> chats(FuzzUser user) {
        FuzzHttp.Response list = http.get("/api/chats", user.token());
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        return Json.array(list.body()).stream()
                .map(line -> (String) ((Map<String, Object>) ((Map<String, Object>) line).get("chat")).get("id"))
                .toList();
    }

    /** {@code user}'s presence as {@code viewer} sees it (GET /api/presence). */
    @SuppressWarnings("unchecked")
    Map<String, Object> presence(FuzzUser viewer, String user) {
        FuzzHttp.Response answer = http.get("/api/presence?users=" + user, viewer.token());
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return (Map<String, Object>) Json.array(answer.body()).get(0);
    }

    /** The sum of a Prometheus counter's samples whose line starts with {@code prefix}, e.g. {@code chat_x_total{code="y"}. */
    double metric(String prefix) {
        double sum = 0;
        for (String line : http.get("/prometheus", null).body().split("\n")) {
            if (line.startsWith(prefix)) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return sum;
    }

    /** CPU seconds of this whole process, server and fuzzer: on a busy machine a fairer measure than wall time. */
    static long processCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1_000_000_000L;
    }

    @Override
    public void close() {
        server.close();
    }
}
