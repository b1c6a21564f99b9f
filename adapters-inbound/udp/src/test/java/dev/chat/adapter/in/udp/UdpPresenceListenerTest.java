package dev.chat.adapter.in.udp;

import dev.chat.domain.presence.PresenceSession;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Real datagrams over a loopback UDP socket to the listener. */
class UdpPresenceListenerTest {
    private final Fixtures.Sessions sessions = new Fixtures.Sessions();
    private final Fixtures.Heartbeats heartbeats = new Fixtures.Heartbeats();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private UdpPresenceListener listener;
    private DatagramChannel client;

    @BeforeEach
    void start() throws Exception {
        listener = new UdpPresenceListener(new UdpPresenceConfiguration(true, "127.0.0.1", 0, 2,
                Duration.ofSeconds(60), 1 << 20), sessions, heartbeats, registry, "1/1m burst 5");
        listener.start();
        client = DatagramChannel.open();
        client.connect(new InetSocketAddress("127.0.0.1", listener.port()));
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        listener.stop();
    }

    @Test
    void validHeartbeatsAreRecordedAndBadOnesCountedByReasonWhileTheListenerKeepsServing() throws Exception {
        PresenceSession session = sessions.add(Fixtures.user(), Instant.now().plusSeconds(3600));
        long now = System.currentTimeMillis();
        send(Fixtures.heartbeat(session, 1, now));
        await().atMost(Duration.ofSeconds(5)).until(() -> heartbeats.received.size() == 1);

        send(Fixtures.heartbeat(session, 1, now));                       // replay
        byte[] badMac = Fixtures.heartbeat(session, 2, now);
        badMac[HeartbeatDatagram.LENGTH - 1] ^= 0x10;
        send(badMac);
        send(new byte[7]);                                                // truncated
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            byte[] junk = new byte[1 + random.nextInt(300)];
            random.nextBytes(junk);
            send(junk);
        }
        send(Fixtures.heartbeat(session, 3, now));
        await().atMost(Duration.ofSeconds(5)).until(() -> total() >= 505);
        assertThat(heartbeats.received).as(summary()).hasSize(2);
        assertThat(total()).as(summary()).isEqualTo(505);

        assertThat(count("replayed")).isEqualTo(1);
        assertThat(count("bad_mac")).isGreaterThanOrEqualTo(1);
        assertThat(count("truncated")).isGreaterThanOrEqualTo(1);
        assertThat(count("none")).isEqualTo(2);
        assertThat(count("failed")).isZero();
        assertThat(heartbeats.received).containsOnly(session.user());
    }

    @Test
    void aSessionSendingFasterThanItsLimitIsDroppedAndCountedAndTheNextSessionIsServed() throws Exception {
        PresenceSession chatty = sessions.add(Fixtures.user(), Instant.now().plusSeconds(3600));
        PresenceSession quiet = sessions.add(Fixtures.user(), Instant.now().plusSeconds(3600));
        long now = System.currentTimeMillis();
        for (int sequence = 1; sequence <= 20; sequence++) {
            send(Fixtures.heartbeat(chatty, sequence, now));
        }
        send(Fixtures.heartbeat(quiet, 1, now));
        await().atMost(Duration.ofSeconds(5)).until(() -> total() >= 21);
        assertThat(count("rate_limited")).as(summary()).isEqualTo(15);
        assertThat(count("none")).as(summary()).isEqualTo(6);
        assertThat(heartbeats.received).filteredOn(chatty.user()::equals).hasSize(5);
        assertThat(heartbeats.received).contains(quiet.user());
    }

    private void send(byte[] datagram) throws Exception {
        client.write(ByteBuffer.wrap(datagram));
    }

    private double count(String reason) {
        return registry.get("chat.presence.datagrams").tag("dropped", reason).counter().count();
    }

    private String summary() {
        StringBuilder text = new StringBuilder();
        registry.get("chat.presence.datagrams").counters()
                .forEach(c -> text.append(c.getId().getTag("dropped")).append('=').append(c.count()).append(' '));
        return text.toString();
    }

    private double total() {
        return registry.get("chat.presence.datagrams").counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
