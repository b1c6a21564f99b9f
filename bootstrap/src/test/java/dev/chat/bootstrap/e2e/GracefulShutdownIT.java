package dev.chat.bootstrap.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The server stopped as an operator or an orchestrator stops it (SIGTERM) while devices and REST
 * clients send as fast as they can: it acknowledges nothing it has not made durable, and tells every
 * device to reconnect. After a restart on the same data folder every message acknowledged before the
 * stop is in its chat's history exactly once; what was sent and not acknowledged may or may not be
 * there, and a client resends it with the same id (docs/protocol.md, "Writing a client").
 */
class GracefulShutdownIT {
    private static final int PAIRS = 3;
    private static final int WINDOW = 64;
    private static final int ACCEPTED_BEFORE_STOP = 3_000;

    private ServerProcess server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aServerStoppedUnderLoadKeepsEveryMessageItAcknowledgedAndSendsItsDevicesAway() throws Exception {
        server = ServerProcess.startEmbedded("graceful-" + ProcessHandle.current().pid(), embeddedProperties())
                .awaitReady();
        ApiClient api = new ApiClient(server.api());
        List<PipelinedSender> senders = new ArrayList<>();
        Map<String, String> chatOfSender = new HashMap<>();
        List<ChatUser> owners = new ArrayList<>();
        for (int i = 0; i < PAIRS; i++) {
            ChatUser sender = ChatUser.signUp(api, "sender" + i);
            ChatUser receiver = ChatUser.signUp(api, "receiver" + i);
            String chat = sender.openDirectChatWith(api, receiver);
            chatOfSender.put(sender.id(), chat);
            owners.add(sender);
            senders.add(new PipelinedSender(server.gateway(), sender.token(), chat, "s" + i));
        }
        RestSender rest = new RestSender(server.api(), owners.get(0).token(), chatOfSender.get(owners.get(0).id()));
        senders.forEach(PipelinedSender::start);
        rest.start();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (senders.stream().mapToInt(s -> s.accepted.size()).sum() < ACCEPTED_BEFORE_STOP) {
            assertThat(System.nanoTime()).as("senders got %d accepted frames within 60 s",
                    senders.stream().mapToInt(s -> s.accepted.size()).sum()).isLessThan(deadline);
            Thread.sleep(20);
        }
        long stopAsked = System.nanoTime();
        server.terminate();
        int exit = server.awaitExit(Duration.ofSeconds(30));
        long stopMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stopAsked);
        // 143 is 128 + SIGTERM: the JVM ran its shutdown hooks (Micronaut's context close) and exited
        assertThat(exit).as("exit code after SIGTERM; log:\n%s", server.logTail()).isIn(0, 143);
        for (PipelinedSender sender : senders) {
            assertThat(sender.awaitClose()).as("close code of %s", sender.device).isEqualTo(1012);
        }
        rest.stopAndJoin();

        server.restart();
        Map<String, Integer> storedTimes = new HashMap<>();
        for (ChatUser owner : owners) {
            for (String clientMessageId : history(api, owner.token(), chatOfSender.get(owner.id()))) {
                storedTimes.merge(clientMessageId, 1, Integer::sum);
            }
        }
        int acknowledged = 0;
        int sentNotAcknowledged = 0;
        for (PipelinedSender sender : senders) {
            acknowledged += sender.accepted.size();
            sentNotAcknowledged += sender.sent.get() - sender.accepted.size();
            for (String clientMessageId : sender.accepted) {
                assertThat(storedTimes.get(clientMessageId)).as("acknowledged %s stored once", clientMessageId)
                        .isEqualTo(1);
            }
        }
        for (String clientMessageId : rest.created) {
            assertThat(storedTimes.get(clientMessageId)).as("201 for %s stored once", clientMessageId).isEqualTo(1);
        }
        assertThat(rest.created).as("REST sends answered 201 before the stop").isNotEmpty();
        assertThat(rest.otherAnswers.keySet()).as("REST answers other than 201 while stopping: %s", rest.otherAnswers)
                .allMatch(status -> status == 503);
        System.out.printf("graceful shutdown: stopped in %d ms; WebSocket: %d acknowledged (all stored once), "
                        + "%d sent and not acknowledged, %d stored in all; REST: %d created (all stored once), "
                        + "other answers %s, failed calls %d%n",
                stopMillis, acknowledged, sentNotAcknowledged, storedTimes.size(), rest.created.size(),
                rest.otherAnswers, rest.failedCalls.get());
    }

    private static List<String> history(ApiClient api, String token, String chat) {
        List<String> clientMessageIds = new ArrayList<>();
        Object after = 0;
        while (after != null) {
            ApiClient.Response page = api.get("/api/chats/" + chat + "/messages?limit=500&after=" + after, token);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            for (Object message : (List<?>) page.json().get("messages")) {
                clientMessageIds.add((String) ((Map<?, ?>) message).get("clientMessageId"));
            }
            after = page.json().get("next");
        }
        return clientMessageIds;
    }

    private static Map<String, String> embeddedProperties() throws IOException {
        Map<String, String> properties = new TreeMap<>();
        Path dataDir = Files.createTempDirectory("chat-graceful-");
        properties.put("chat.data-dir", dataDir.toString());
        properties.put("micronaut.server.port", Integer.toString(ServerProcess.freePort()));
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("chat.gateway.port", Integer.toString(ServerProcess.freePort()));
        properties.put("chat.gateway.host", "127.0.0.1");
        properties.put("chat.presence.udp.port", Integer.toString(ServerProcess.freeUdpPort()));
        properties.put("chat.auth.bcrypt-cost", "4");
        properties.put("chat.gateway.reconnect-spread", "1s");
        properties.put("chat.limits.sign-up-per-address", "off");
        properties.put("chat.limits.log-in-per-address", "off");
        properties.put("chat.limits.rest-per-user", "off");
        properties.put("chat.limits.send-per-user", "off");
        properties.put("chat.limits.send-per-chat", "off");
        return properties;
    }

    /** A device that keeps {@link #WINDOW} sends in flight until its connection closes. */
    private static final class PipelinedSender {
        final String device;
        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        final AtomicInteger sent = new AtomicInteger();
        private final String chat;
        private final Semaphore window = new Semaphore(WINDOW);
        private final WsClient client;
        private final Thread thread;

        PipelinedSender(URI gateway, String token, String chat, String device) {
            this.chat = chat;
            this.device = device;
            this.client = WsClient.connectObserving(gateway, token, device, this::onFrame);
            this.thread = new Thread(this::sendUntilClosed, "sender-" + device);
        }

        void start() {
            thread.start();
        }

        int awaitClose() {
            return client.awaitClose();
        }

        private void sendUntilClosed() {
            try {
                for (int i = 0; client.isOpen(); i++) {
                    if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                        i--;
                        continue;
                    }
                    client.send(Map.of("type", "send", "id", device + "-" + i, "chatId", chat, "body", "m " + i));
                    sent.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException closedUnderUs) {
                // the server closed the connection between the check and the write: the stop under test
            }
        }

        private void onFrame(Map<String, Object> frame) {
            if ("accepted".equals(frame.get("type"))) {
                accepted.add((String) frame.get("id"));
                window.release();
            } else if ("error".equals(frame.get("type"))) {
                window.release();
            }
        }
    }

    /** Posts messages one after another over REST until told to stop, counting answers. */
    private static final class RestSender {
        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        final Set<String> created = ConcurrentHashMap.newKeySet();
        final Map<Integer, Integer> otherAnswers = new ConcurrentHashMap<>();
        final AtomicInteger failedCalls = new AtomicInteger();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        RestSender(URI api, String token, String chat) {
            URI messages = URI.create(api + "/api/chats/" + chat + "/messages");
            this.thread = new Thread(() -> {
                for (int i = 0; running.get(); i++) {
                    String id = "rest-" + i;
                    HttpRequest request = HttpRequest.newBuilder(messages).timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(
                                    Json.write(Map.of("clientMessageId", id, "body", "r " + i)))).build();
                    try {
                        int status = HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
                        if (status == 201) {
                            created.add(id);
                        } else {
                            otherAnswers.merge(status, 1, Integer::sum);
                        }
                    } catch (IOException refusedOrCut) {
                        // a stopped server refuses the connection or cuts it: the client learns nothing
                        failedCalls.incrementAndGet();
                        sleep();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rest-sender");
        }

        void start() {
            thread.start();
        }

        void stopAndJoin() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }

        private static void sleep() {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
