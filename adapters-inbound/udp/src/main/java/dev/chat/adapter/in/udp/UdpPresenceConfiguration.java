package dev.chat.adapter.in.udp;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** Settings of the UDP heartbeat listener (prefix {@code chat.presence.udp}). */
@ConfigurationProperties("chat.presence.udp")
public record UdpPresenceConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "127.0.0.1") String host,
        @Bindable(defaultValue = "8082") int port,
        /* receiving threads, each with its own socket on the same port (SO_REUSEPORT) */
        @Bindable(defaultValue = "2") int threads,
        /* a heartbeat whose sent-at is further than this from the server's clock is stale */
        @Bindable(defaultValue = "60s") Duration maxClockSkew,
        @Bindable(defaultValue = "4194304") int receiveBufferBytes) {
}
