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
                Duration.ofSeconds(60), 1 << 20), sessions, heartbeats, registry);
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
