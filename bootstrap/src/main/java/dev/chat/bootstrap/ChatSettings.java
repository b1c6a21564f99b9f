package dev.chat.bootstrap;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** The chat's own limits and policies (prefix {@code chat}); see the README's configuration table. */
@ConfigurationProperties("chat")
public record ChatSettings(
        @Bindable(defaultValue = "4096") int maxBodyBytes,
        @Bindable(defaultValue = "1024") int maxGroupMembers,
        @Bindable(defaultValue = "10s") Duration heartbeatInterval,
        @Bindable(defaultValue = "3") int missedHeartbeats,
        /* a user's presence changes are announced at most this often; flapping is coalesced */
        @Bindable(defaultValue = "2s") Duration presenceMinChangeInterval,
        @Bindable(defaultValue = "4") int catchUpThreads,
        /* this process's name on the route table and the gateway channel; empty: generated at every start */
        @Bindable(defaultValue = "") String nodeId,
        /* a node that has not renewed its lease for this long loses its routes (renewed every third of it) */
        @Bindable(defaultValue = "30s") Duration routeLease) {
}
