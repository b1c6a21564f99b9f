package dev.chat.adapter.in.websocket;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code chat.gateway.max-connections} open connections on this gateway; past that a new
 * one is closed at once with 1013 {@code gateway_full} (the client tries again later, or another
 * gateway), rather than the process running out of file descriptors and failing everything at
 * random. 0, the default, derives the maximum from the process's open-file limit, keeping 1,024
 * descriptors for everything else (files, databases, brokers).
 */
@Singleton
public final class ConnectionSlots {
    static final int RESERVED_DESCRIPTORS = 1_024;

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean stopping;

    public ConnectionSlots(GatewayConfiguration config, MeterRegistry registry) {
        this.max = config.maxConnections() > 0 ? config.maxConnections() : fromOpenFileLimit();
        Gauge.builder("chat.gateway.connections.max", () -> max)
                .description("connections this gateway accepts at most; more are closed with 1013 gateway_full")
                .register(registry);
    }

    private static int fromOpenFileLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            long limit = unix.getMaxFileDescriptorCount();
            return (int) Math.max(16, Math.min(Integer.MAX_VALUE, limit - RESERVED_DESCRIPTORS));
        }
        return 10_000;
    }

    /** Takes a slot for a new connection: false when the gateway is full. */
    boolean tryOpen() {
        while (true) {
            int now = open.get();
            if (now >= max) {
                return false;
            }
            if (open.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    void closed() {
        open.decrementAndGet();
    }

    /** From now on the gateway is stopping: a new connection is sent away at once. */
    void stopTaking() {
        stopping = true;
    }

    boolean isStopping() {
        return stopping;
    }

    /** Connections holding a slot now. */
    int open() {
        return open.get();
    }
}
