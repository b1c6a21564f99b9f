package dev.chat.application.delivery;

import dev.chat.application.port.PresenceStore;
import dev.chat.domain.user.UserId;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** A presence store that forgets everything: for tests about delivery, not presence. */
final class NoPresenceStore implements PresenceStore {
    @Override
    public void connectionOpened(UserId user, Instant at) {
    }

    @Override
    public void connectionClosed(UserId user, Instant at) {
    }

    @Override
    public void heartbeat(UserId user, long epochMillis) {
    }

    @Override
    public Map<UserId, Seen> seen(Collection<UserId> users) {
        return Map.of();
    }

    @Override
    public Seen seen(UserId user) {
        return null;
    }
}
