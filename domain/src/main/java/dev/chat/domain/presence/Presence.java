package dev.chat.domain.presence;

import dev.chat.domain.Require;
import dev.chat.domain.user.UserId;

import java.time.Instant;
import java.util.Optional;

/**
 * What others may know of a user's presence: online or not and, unless the user hides it, when
 * they were last seen. {@code lastSeen} is empty for a user never seen or who hides it.
 */
public record Presence(UserId user, boolean online, Optional<Instant> lastSeen) {
    public Presence {
        Require.present(user, "user");
        Require.present(lastSeen, "last seen");
    }

    public static Presence neverSeen(UserId user) {
        return new Presence(user, false, Optional.empty());
    }

    /** The presence of a user whose latest sign of life was at {@code lastSignOfLife}. */
    public static Presence of(UserId user, boolean connected, Instant lastSignOfLife, Instant now,
                              PresencePolicy policy) {
        boolean online = connected || !lastSignOfLife.plus(policy.grace()).isBefore(now);
        return new Presence(user, online, Optional.of(lastSignOfLife));
    }

    /**
     * The presence of a user with {@code openConnections} connected devices, whose latest heartbeat
     * was at {@code lastHeartbeat} (null if none) and who was last seen at {@code lastSeen}
     * (heartbeat, connect or disconnect). A closed connection does not keep a user online; only a
     * recent heartbeat or an open connection does.
     */
    public static Presence of(UserId user, int openConnections, Instant lastHeartbeat, Instant lastSeen,
                              Instant now, PresencePolicy policy) {
        boolean online = openConnections > 0
                || (lastHeartbeat != null && !lastHeartbeat.plus(policy.grace()).isBefore(now));
        return new Presence(user, online, Optional.of(lastSeen));
    }

    /** The same presence with last-seen removed, for a user who keeps it private. */
    public Presence withoutLastSeen() {
        return new Presence(user, online, Optional.empty());
    }
}
