package dev.chat.application.port.memory;

import dev.chat.application.port.PresenceStates;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Decided presence in a map, for use-case tests. */
public final class InMemoryPresenceStates implements PresenceStates {
    private final Map<UserId, Presence> byUser = new ConcurrentHashMap<>();

    @Override
    public Presence current(UserId user) {
        return byUser.get(user);
    }

    @Override
    public void publish(Presence decided) {
        byUser.put(decided.user(), decided);
    }
}
