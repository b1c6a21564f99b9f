package dev.chat.adapter.in.websocket;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;

/** Counts what the gateway refuses, by reason, so operators see bad clients and bad tokens. */
@Singleton
public final class GatewayMetrics {
    private final MeterRegistry registry;
    private final ConcurrentHashMap<String, Counter> refusals = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Counter> closes = new ConcurrentHashMap<>();

    public GatewayMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void refused(String code) {
        refusals.computeIfAbsent(code, c -> Counter.builder("chat.gateway.errors")
                .description("client frames answered with an error frame, by code")
                .tag("code", c).register(registry)).increment();
    }

    void closed(int closeCode) {
        closes.computeIfAbsent(Integer.toString(closeCode), c -> Counter.builder("chat.gateway.closes")
                .description("connections closed by the server, by close code")
                .tag("code", c).register(registry)).increment();
    }
}
