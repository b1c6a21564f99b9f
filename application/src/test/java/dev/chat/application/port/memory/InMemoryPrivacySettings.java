package dev.chat.application.port.memory;

import dev.chat.application.port.PrivacySettings;
import dev.chat.domain.user.UserId;

import java.util.concurrent.ConcurrentHashMap;

/** A thread-safe in-memory {@link PrivacySettings} for use-case tests. */
public final class InMemoryPrivacySettings implements PrivacySettings {
    private final ConcurrentHashMap<UserId, Boolean> hidden = new ConcurrentHashMap<>();

    @Override
    public boolean hidesLastSeen(UserId user) {
        return hidden.getOrDefault(user, false);
    }

    @Override
    public void setHidesLastSeen(UserId user, boolean hide) {
        hidden.put(user, hide);
    }
}
