package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceSessionStore;
import dev.chat.domain.presence.PresenceSession;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Presence sessions of this node, in memory. Looked up once per heartbeat datagram: the map is
 * keyed by the session id's high 64 bits (random, so they spread well; a collision of two live
 * sessions is a 2^-64 event and only replaces the older one) and the low bits are compared after.
 * The lookup's Long key does not escape, so the JIT can scalar-replace it; the JMH benchmark of the
 * heartbeat path measures the allocation per datagram.
 */
@Singleton
public final class InMemoryPresenceSessionStore implements PresenceSessionStore {
    private final ConcurrentHashMap<Long, PresenceSession> byIdHigh = new ConcurrentHashMap<>();

    @Override
    public void save(PresenceSession session) {
        byIdHigh.put(session.idHigh(), session);
    }

    @Override
    public PresenceSession find(long idHigh, long idLow) {
        PresenceSession session = byIdHigh.get(idHigh);
        return session != null && session.idLow() == idLow ? session : null;
    }

    @Override
    public int removeExpired(Instant now) {
        int before = byIdHigh.size();
        byIdHigh.values().removeIf(s -> s.isExpired(now));
        return before - byIdHigh.size();
    }
}
