package dev.chat.application.presence;

import dev.chat.application.port.PresenceSessionStore;
import dev.chat.domain.presence.PresenceSession;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Presence sessions by id, in a map. */
final class MapPresenceSessionStore implements PresenceSessionStore {
    private record Id(long high, long low) {
    }

    private final Map<Id, PresenceSession> sessions = new ConcurrentHashMap<>();

    @Override
    public void save(PresenceSession session) {
        sessions.put(new Id(session.idHigh(), session.idLow()), session);
    }

    @Override
    public PresenceSession find(long idHigh, long idLow) {
        return sessions.get(new Id(idHigh, idLow));
    }

    @Override
    public int removeExpired(Instant now) {
        List<Id> expired = sessions.entrySet().stream().filter(e -> e.getValue().isExpired(now))
                .map(Map.Entry::getKey).toList();
        expired.forEach(sessions::remove);
        return expired.size();
    }

    List<PresenceSession> all() {
        return List.copyOf(sessions.values());
    }
}
