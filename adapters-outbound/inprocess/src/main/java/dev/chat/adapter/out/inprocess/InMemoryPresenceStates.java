package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceStates;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.concurrent.ConcurrentHashMap;

/** Decided presence in memory: the embedded default decides and reads in one process. */
@Singleton
@Requires(property = "chat.presence.states.backend", value = "memory", defaultValue = "memory")
public final class InMemoryPresenceStates implements PresenceStates {
    private final ConcurrentHashMap<UserId, Presence> byUser = new ConcurrentHashMap<>();

    @Override
    public Presence current(UserId user) {
        return byUser.get(user);
    }

    @Override
    public void publish(Presence decided) {
        byUser.put(decided.user(), decided);
    }
}
