package dev.chat.domain.presence;

import dev.chat.domain.Require;

import java.time.Duration;

/**
 * When a user counts as online: while a sign of life (an open connection or a heartbeat) is more
 * recent than {@code missedHeartbeats} heartbeat intervals.
 */
public record PresencePolicy(Duration heartbeatInterval, int missedHeartbeats) {
    public static final PresencePolicy DEFAULT = new PresencePolicy(Duration.ofSeconds(10), 3);

    public PresencePolicy {
        Require.present(heartbeatInterval, "heartbeat interval");
        Require.that(!heartbeatInterval.isNegative() && !heartbeatInterval.isZero(), "the interval must be positive");
        Require.that(missedHeartbeats >= 1, "at least one heartbeat may be missed");
    }

    public Duration grace() {
        return heartbeatInterval.multipliedBy(missedHeartbeats);
    }
}
