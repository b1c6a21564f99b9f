package dev.chat.bootstrap.e2e;

import dev.chat.adapter.in.websocket.JettyGateway;
import dev.chat.adapter.out.inprocess.InProcessGatewayChannel;
import dev.chat.adapter.out.inprocess.InProcessRouteTable;
import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.memory.InMemoryMessageLog;
import dev.chat.application.port.memory.InMemoryMessageStore;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two whole servers (two Micronaut application contexts in this JVM, each with its own REST API and
 * WebSocket gateway on loopback) over one shared message log, message store, route table and gateway
 * channel (in memory), and one metadata database: the cluster's case of the embedded default's
 * wiring. Users connected to different nodes chat, a node is handed only its own devices'
 * deliveries, and a device that connects to the other node displaces its older connection there.
 */
class ClusterOfTwoNodesTest {
    private static Path dataDir;
    private static RecordingChannel channel;
    private static Node a;
    private static Node b;

    /** The in-process channel, recording which message deliveries each node was handed. */
    private static final class RecordingChannel implements GatewayChannel {
        private final GatewayChannel channel;
        private final Map<NodeId, List<Delivery.OfMessage>> messages = new java.util.concurrent.ConcurrentHashMap<>();

        RecordingChannel(GatewayChannel channel) {
            this.channel = channel;
        }

        @Override
        public void send(NodeId node, List<Delivery> batch) {
            batch.stream().filter(Delivery.OfMessage.class::isInstance).map(Delivery.OfMessage.class::cast)
                    .forEach(m -> messages.computeIfAbsent(node, n -> new java.util.concurrent.CopyOnWriteArrayList<>()).add(m));
            channel.send(node, batch);
        }

        @Override
        public void open(NodeId self, Inbox inbox) {
            channel.open(self, inbox);
        }

        @Override
        public void close(NodeId self) {
            channel.close(self);
        }

        /** The message deliveries the node was handed for this chat. */
        List<Delivery.OfMessage> messagesTo(NodeId node, String chat) {
            return messages.getOrDefault(node, List.of()).stream()
                    .filter(m -> m.message().chatId().value().toString().equals(chat)).toList();
        }
    }

    private record Node(NodeId id, ApplicationContext context, EmbeddedServer server, ApiClient api) {
        URI gateway() {
            return URI.create("ws://127.0.0.1:" + context.getBean(JettyGateway.class).port() + "/ws");
        }

        void stop() {
            server.stop();
            context.close();
        }
    }

    @BeforeAll
    static void startTwoNodes() throws IOException {
        dataDir = Files.createTempDirectory("chat-cluster-");
        InMemoryMessageLog log = InMemoryMessageLog.withConsumerGroups();
        InMemoryMessageStore store = new InMemoryMessageStore();
        InProcessRouteTable routes = new InProcessRouteTable(Clock.systemUTC());
        channel = new RecordingChannel(new InProcessGatewayChannel());
        a = start("node-a", log, store, routes);
        b = start("node-b", log, store, routes);
    }

    private static Node start(String name, Object... shared) {
        Map<String, Object> properties = new HashMap<>();
        // one metadata database and one signing key for both nodes, as a cluster shares PostgreSQL and its issuer
        properties.put("chat.data-dir", dataDir.toString());
        properties.put("chat.node-id", name);
        properties.put("chat.log.backend", "shared");
        properties.put("chat.messages.backend", "shared");
        properties.put("chat.routes.backend", "shared");
        properties.put("chat.channel.backend", "shared");
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("chat.gateway.port", 0);
        properties.put("chat.gateway.host", "127.0.0.1");
        properties.put("chat.presence.udp.port", 0);
        properties.put("chat.auth.bcrypt-cost", 4);
        // tests sign up, log in and call the API from one address far faster than people do
        properties.put("chat.limits.sign-up-per-address", "off");
        properties.put("chat.limits.log-in-per-address", "off");
        properties.put("chat.limits.rest-per-user", "off");
        properties.put("chat.limits.send-per-user", "off");
        properties.put("chat.limits.send-per-chat", "off");
        Object[] singletons = new Object[shared.length + 1];
        System.arraycopy(shared, 0, singletons, 0, shared.length);
        singletons[shared.length] = channel;
        ApplicationContext context = ApplicationContext.builder().properties(properties).environments("test")
                .singletons(singletons).start();
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        return new Node(new NodeId(name), context, server, new ApiClient(URI.create("http://127.0.0.1:" + server.getPort())));
    }

    @AfterAll
    static void stopBoth() {
        for (Node node : List.of(b, a)) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    void usersOnDifferentNodesChatAndEachNodeGetsOnlyItsOwnDevicesDeliveries() {
        ChatUser alice = ChatUser.signUp(a.api(), "alice");
        ChatUser bob = ChatUser.signUp(b.api(), "bob");
        ChatUser carol = ChatUser.signUp(a.api(), "carol");
        String chat = alice.openDirectChatWith(a.api(), bob);

        try (WsClient alicesPhone = WsClient.connect(a.gateway(), alice.token(), "phone");
             WsClient bobsPhone = WsClient.connect(b.gateway(), bob.token(), "phone");
             WsClient carolsPhone = WsClient.connect(b.gateway(), carol.token(), "phone")) {
            alicesPhone.nextOfType("caught_up");
            bobsPhone.nextOfType("caught_up");
            carolsPhone.nextOfType("caught_up");
            int each = 25;
            for (int i = 0; i < each; i++) {
                alicesPhone.sendMessage(chat, "a" + i, "from alice " + i);
                bobsPhone.sendMessage(chat, "b" + i, "from bob " + i);
            }

            List<Map<String, Object>> atBob = bobsPhone.messages(chat, each);
            List<Map<String, Object>> atAlice = alicesPhone.messages(chat, each);
            assertThat(atBob).extracting(m -> m.get("body"))
                    .containsExactlyElementsOf(bodies("from alice ", each));
            assertThat(atAlice).extracting(m -> m.get("body"))
                    .containsExactlyElementsOf(bodies("from bob ", each));
            assertThat(carolsPhone.heldAfter(java.time.Duration.ofMillis(300), "message"))
                    .as("Carol is in no chat with them").isEmpty();
        }
        // each message of the chat is for Alice's user on node A and Bob's on node B (the sender's user
        // too, for their other devices): one delivery per message per node, naming only that node's user
        assertThat(channel.messagesTo(a.id(), chat)).hasSize(50)
                .allSatisfy(d -> assertThat(d.recipients()).extracting(u -> u.value().toString())
                        .containsExactly(alice.id()));
        assertThat(channel.messagesTo(b.id(), chat)).hasSize(50)
                .allSatisfy(d -> assertThat(d.recipients()).extracting(u -> u.value().toString())
                        .containsExactly(bob.id()));
    }

    @Test
    void aDeviceConnectingToTheOtherNodeDisplacesItsOlderConnectionThere() {
        ChatUser dana = ChatUser.signUp(a.api(), "dana");
        try (WsClient onA = WsClient.connect(a.gateway(), dana.token(), "tablet")) {
            onA.nextOfType("caught_up");
            try (WsClient onB = WsClient.connect(b.gateway(), dana.token(), "tablet")) {
                onB.nextOfType("caught_up");

                assertThat(onA.awaitClose()).as("closed by node A when node B took the device").isEqualTo(4001);
                assertThat(onB.isOpen()).isTrue();
            }
        }
    }

    private static List<String> bodies(String prefix, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> prefix + i).toList();
    }
}
