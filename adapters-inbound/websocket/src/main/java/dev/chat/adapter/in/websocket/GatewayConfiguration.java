package dev.chat.adapter.in.websocket;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Settings of the chat gateway (prefix {@code chat.gateway}). The gateway has its own port, so
 * that gateway nodes and API nodes can be scaled apart or switched off.
 */
@ConfigurationProperties("chat.gateway")
public record GatewayConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "127.0.0.1") String host,
        @Bindable(defaultValue = "8081") int port,
        @Bindable(defaultValue = "/ws") String path,
        /* largest text frame accepted; a larger one closes the connection with 1009 */
        @Bindable(defaultValue = "16384") int maxFrameBytes,
        @Bindable(defaultValue = "5m") Duration idleTimeout,
        @Bindable(defaultValue = "4") int minThreads,
        @Bindable(defaultValue = "32") int maxThreads,
        /* events queued for a device that reads too slowly before it is disconnected (1013) */
        @Bindable(defaultValue = "20000") int maxQueuedEvents,
        /* messages a connection may send per second, sustained, and in a burst */
        @Bindable(defaultValue = "2000") int sendRatePerSecond,
        @Bindable(defaultValue = "4000") int sendBurst,
        /* where clients send presence heartbeats; told to them with their presence session */
        @Bindable(defaultValue = "8082") int heartbeatPort,
        @Bindable(defaultValue = "10s") Duration heartbeatInterval,
        /* a stopping gateway tells each device to wait a random time up to this before reconnecting */
        @Bindable(defaultValue = "10s") Duration reconnectSpread,
        /*
         * connections the kernel holds for the gateway before it accepts them (the listen backlog). At
         * Jetty's 50, a reconnect storm overflows it and each dropped attempt waits for the client's
         * TCP to retry after a second; the kernel caps it at net.core.somaxconn (4096 on recent Linux)
         */
        @Bindable(defaultValue = "4096") int acceptQueue,
        /* open connections at most (1013 gateway_full past it); 0: the open-file limit less 1,024 */
        @Bindable(defaultValue = "0") int maxConnections) {
}
