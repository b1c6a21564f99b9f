package dev.chat.application.port.memory;

import dev.chat.application.port.PresenceSessionRevocations;
import dev.chat.domain.user.UserId;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** Revocations in a map, for use-case tests. */
public final class InMemoryPresenceSessionRevocations implements PresenceSessionRevocations {
    private record Key(long high, long low, UserId user) {
    }

    private final Map<Key, Instant> keptUntil = new HashMap<>();

    @Override
    public synchronized void revoke(long idHigh, long idLow, UserId user, Instant until) {
        keptUntil.merge(new Key(idHigh, idLow, user), until, (a, b) -> a.isAfter(b) ? a : b);
    }

    @Override
    public synchronized boolean isRevoked(long idHigh, long idLow, UserId user) {
        return keptUntil.containsKey(new Key(idHigh, idLow, user));
    }

    @Override
    public synchronized int forgetExpired(Instant now) {
        int before = keptUntil.size();
        keptUntil.values().removeIf(until -> until.isBefore(now));
        return before - keptUntil.size();
    }
}
