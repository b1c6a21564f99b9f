package dev.chat.adapter.in.udp;

import dev.chat.application.limits.RateLimit;
import dev.chat.application.presence.HeartbeatUseCase;
import dev.chat.application.presence.PresenceSessionsUseCase;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Receives presence heartbeats over UDP. Each receiving thread has its own socket on the shared
 * port (SO_REUSEPORT lets the kernel spread datagrams over them), one reused buffer and its own
 * verifier, so the per-datagram path takes no lock and allocates next to nothing. Invalid
 * datagrams are dropped without a reply and counted by reason; nothing a datagram holds can throw
 * out of the receive loop.
 */
@Context
@Requires(property = "chat.presence.udp.enabled", notEquals = "false")
public final class UdpPresenceListener {
    private static final Logger LOG = LoggerFactory.getLogger(UdpPresenceListener.class);
    /** Larger than any valid datagram, so that an oversized one is seen as such. */
    private static final int BUFFER_BYTES = 2048;

    private final UdpPresenceConfiguration config;
    private final PresenceSessionsUseCase sessions;
    private final HeartbeatUseCase heartbeats;
    private final RateLimit perSession;
    private final Map<DropReason, Counter> counters = new EnumMap<>(DropReason.class);
    /** Tickets verified on this node, by the session id's high 64 bits, shared by the receiving threads. */
    private final ConcurrentHashMap<Long, VerifiedSession> verified = new ConcurrentHashMap<>();
    private final List<DatagramChannel> channels = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private int port;

    public UdpPresenceListener(UdpPresenceConfiguration config, PresenceSessionsUseCase sessions,
                               HeartbeatUseCase heartbeats, MeterRegistry registry,
                               @Value("${chat.limits.presence-per-session:1/s burst 10}") String perSession) {
        this.config = config;
        this.perSession = RateLimit.parse("presence-per-session", perSession);
        this.sessions = sessions;
        this.heartbeats = heartbeats;
        for (DropReason reason : DropReason.values()) {
            counters.put(reason, Counter.builder("chat.presence.datagrams")
                    .description("UDP presence datagrams received, by outcome (none = accepted heartbeat)")
                    .tag("dropped", reason.tag()).register(registry));
        }
    }

    @PostConstruct
    void start() throws IOException {
        running = true;
        port = config.port();
        for (int i = 0; i < Math.max(1, config.threads()); i++) {
            DatagramChannel channel = DatagramChannel.open();
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            if (channel.supportedOptions().contains(StandardSocketOptions.SO_REUSEPORT)) {
                channel.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            } else if (i > 0) {
                channel.close();
                break;
            }
            channel.setOption(StandardSocketOptions.SO_RCVBUF, config.receiveBufferBytes());
            channel.bind(new InetSocketAddress(config.host(), port));
            port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
            channels.add(channel);
            HeartbeatReceiver receiver = new HeartbeatReceiver(sessions, heartbeats, verified,
                    config.maxClockSkew().toMillis(), perSession);
            Thread thread = new Thread(() -> receiveLoop(channel, receiver), "presence-udp-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        LOG.info("presence heartbeats on udp://{}:{} ({} receivers)", config.host(), port, channels.size());
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return port;
    }

    private void receiveLoop(DatagramChannel channel, HeartbeatReceiver receiver) {
        ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
        byte[] bytes = buffer.array();
        while (running) {
            try {
                buffer.clear();
                if (channel.receive(buffer) == null) {
                    continue;
                }
                DropReason outcome;
                try {
                    outcome = receiver.receive(bytes, buffer.position(), System.currentTimeMillis());
                } catch (RuntimeException e) {
                    // a bug, never the datagram's fault: count it and keep receiving
                    LOG.warn("heartbeat handling failed", e);
                    outcome = DropReason.FAILED;
                }
                counters.get(outcome).increment();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                if (running) {
                    LOG.warn("receiving a datagram failed: {}", e.toString());
                }
            }
        }
    }

    /** Forgets the sessions that expired, so the cache of verified tickets does not grow without bound. */
    @Scheduled(fixedDelay = "1m", initialDelay = "1m")
    void forgetExpiredSessions() {
        long now = System.currentTimeMillis();
        verified.values().removeIf(s -> s.expiresAtMillis <= now);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        for (DatagramChannel channel : channels) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a socket at shutdown: nothing left to do
            }
        }
        for (Thread thread : threads) {
            thread.join(2_000);
        }
    }
}
