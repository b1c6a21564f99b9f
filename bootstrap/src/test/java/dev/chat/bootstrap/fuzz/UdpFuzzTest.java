package dev.chat.bootstrap.fuzz;

import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the UDP presence port of a running server with 100,000 datagrams: random bytes and the
 * victim's heartbeats in every form but the valid one (docs/presence-datagram.md). None gets an
 * answer; each is dropped for the reason the documentation gives, counted in
 * chat_presence_datagrams_total; nobody it names ever looks online; and meanwhile a control user's
 * genuine heartbeats are still accepted and two bystanders keep chatting.
 */
class UdpFuzzTest {
    private static final String COUNTER = "chat_presence_datagrams_total{";

    private static FuzzServer server;
    private static Bystanders bystanders;
    private static FuzzUser victim;
    private static FuzzUser attacker;
    private static FuzzUser revokedUser;
    private static FuzzUser control;
    private static FuzzUser contact;
    private static PresenceSession controlSession;
    private static UdpOracle oracle;
    private static UdpInputs inputs;
    private static DatagramChannel channel;
    private static InetSocketAddress port;
    private static final List<byte[]> controlBeats = new CopyOnWriteArrayList<>();
    private static final Map<String, Long> expected = new HashMap<>();
    private static Map<String, Long> baseline;
    private static Tally tally;
    private static long controlSequence;
    private static FuzzRun run;

    @BeforeContainer
    static void start() throws IOException {
        server = FuzzServer.shared();
        bystanders = Bystanders.join(server);
        victim = server.signUp("udp-victim");
        attacker = server.signUp("udp-attacker");
        revokedUser = server.signUp("udp-revoked");
        control = server.signUp("udp-control");
        contact = server.signUp("udp-contact");
        for (FuzzUser user : List.of(victim, attacker, revokedUser, control)) {
            server.openDirectChat(contact, user);
        }
        PresenceSession victimSession = PresenceSession.open(server, victim);
        PresenceSession attackerSession = PresenceSession.open(server, attacker);
        PresenceSession revokedSession = PresenceSession.open(server, revokedUser);
        FuzzHttp.Response revoked = server.http().send(server.http().request("/api/presence/sessions/"
                + revokedSession.sessionId()).header("Authorization", "Bearer " + revokedUser.token()).DELETE().build());
        assertThat(revoked.status()).as(revoked.body()).isEqualTo(204);
        controlSession = PresenceSession.open(server, control);
        oracle = new UdpOracle(List.of(victimSession, attackerSession, revokedSession, controlSession),
                Set.of(revokedSession.sessionId()));
        inputs = new UdpInputs(victimSession, attackerSession, revokedSession, controlBeats);
        tally = new Tally("udp");
        channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        port = new InetSocketAddress("127.0.0.1", server.udpPort());
        baseline = counted();
        beatForTheControl();
        run = new FuzzRun(tally);
    }

    @AfterContainer
    static void stop() throws IOException {
        if (channel != null) {
            channel.close();
        }
        if (bystanders != null) {
            bystanders.close();
        }
    }

    @Provide
    Arbitrary<List<UdpInput>> batches() {
        return Choose.lists(inputs.inputs(), FuzzRun.BATCH, FuzzRun.BATCH);
    }

    @Property(tries = FuzzRun.TRIES, seed = FuzzRun.SEED, shrinking = ShrinkingMode.OFF, edgeCases = EdgeCasesMode.NONE,
            afterFailure = AfterFailureMode.PREVIOUS_SEED)
    void everyDatagramIsDroppedForItsDocumentedReasonAndNobodyLooksOnline(@ForAll("batches") List<UdpInput> batch)
            throws Exception {
        run.attempt(() -> {
            for (UdpInput input : batch) {
                String reason = oracle.judge(input.bytes(), controlSession.serverNow());
                if ("none".equals(reason)) {
                    tally.violation("the fuzzer made a valid heartbeat: " + input);
                    continue;
                }
                expected.merge(reason, 1L, Long::sum);
                tally.count("inputs", input.category());
                channel.send(ByteBuffer.wrap(input.bytes()), port);
            }
            awaitCounted();
        }, () -> {
            beatForTheControl();
            bystanders.exchange();
            assertOffline(victim);
        });
    }

    /** A genuine heartbeat of the control user: it must still be accepted (dropped="none" counts it). */
    private static void beatForTheControl() throws IOException {
        byte[] beat = controlSession.heartbeat(++controlSequence, controlSession.serverNow());
        assertThat(oracle.judge(beat, controlSession.serverNow())).isEqualTo("none");
        expected.merge("none", 1L, Long::sum);
        channel.send(ByteBuffer.wrap(beat), port);
        controlBeats.add(beat);
        tally.count("control heartbeats", "sent");
    }

    /** Every datagram sent so far is counted, each under the reason the documentation gives. */
    private static void awaitCounted() throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        Map<String, Long> seen = since(counted());
        while (!seen.equals(withoutZeros(expected)) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            seen = since(counted());
        }
        if (!seen.equals(withoutZeros(expected))) {
            tally.violation("the server counted " + seen + " where the documentation gives " + expected);
            baseline = counted();
            expected.clear();
        }
    }

    @AfterProperty
    void nothingWasAnsweredNobodyForgedLooksOnlineTheControlDoesAndTheBystandersStillChat() throws Exception {
        beatForTheControl();
        awaitCounted();
        channel.configureBlocking(false);
        assertThat(channel.receive(ByteBuffer.allocate(2048))).as("the server answered a datagram").isNull();
        for (FuzzUser forged : List.of(victim, attacker, revokedUser)) {
            assertOffline(forged);
        }
        assertThat(server.presence(contact, control.id())).as("the control user, heartbeating").containsEntry("online", true);
        bystanders.exchange();
        bystanders.assertTheirChatHoldsOnlyTheirMessages();
        tally.add("bystander-checks", "ok", bystanders.checks());

        since(counted()).forEach((reason, n) -> tally.add("dropped", reason, n));
        run.finish("docs/presence-datagram.md");
        assertThat(tally.get("dropped", "failed")).as("datagrams that made the server fail").isZero();
    }

    private static void assertOffline(FuzzUser user) {
        Map<String, Object> presence = server.presence(contact, user.id());
        if (!Boolean.FALSE.equals(presence.get("online")) || presence.get("lastSeen") != null) {
            tally.violation("a forged or mutated datagram made a user look online: " + user.username() + " " + presence);
        }
    }

    /** chat_presence_datagrams_total by its dropped= label. */
    private static Map<String, Long> counted() {
        Map<String, Long> counts = new HashMap<>();
        for (String line : server.http().get("/prometheus", null).body().split("\n")) {
            if (line.startsWith(COUNTER)) {
                int from = line.indexOf("dropped=\"") + "dropped=\"".length();
                String reason = line.substring(from, line.indexOf('"', from));
                counts.put(reason, (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        return counts;
    }

    private static Map<String, Long> since(Map<String, Long> now) {
        Map<String, Long> delta = new HashMap<>();
        now.forEach((reason, n) -> {
            long d = n - baseline.getOrDefault(reason, 0L);
            if (d != 0) {
                delta.put(reason, d);
            }
        });
        return delta;
    }

    private static Map<String, Long> withoutZeros(Map<String, Long> counts) {
        Map<String, Long> out = new HashMap<>(counts);
        out.values().removeIf(n -> n == 0);
        return out;
    }
}
