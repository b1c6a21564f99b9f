package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.PresenceSessionRevocations;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Revoked presence sessions of this node, in memory (the embedded default is one node). Looked up
 * for every verified heartbeat: with no revocation at all (the usual case) the lookup is an
 * emptiness check; otherwise a map keyed by the session id's high 64 bits, whose Long key does not
 * escape. A restart forgets revocations, and with them nothing that matters: a restarted embedded
 * server derives keys from the same secret, so its sessions stay valid, and a revocation is lost
 * only if the server stops within the revoked session's remaining day.
 */
@Singleton
@Requires(property = "chat.presence.revocations.backend", value = "memory", defaultValue = "memory")
public final class InMemoryPresenceSessionRevocations implements PresenceSessionRevocations {
    private record Revoked(long idLow, UserId user, Instant keptUntil) {
    }

    private final ConcurrentHashMap<Long, List<Revoked>> byIdHigh = new ConcurrentHashMap<>();

    @Override
    public void revoke(long idHigh, long idLow, UserId user, Instant keptUntil) {
        byIdHigh.compute(idHigh, (high, list) -> {
            List<Revoked> updated = list == null ? new ArrayList<>(1) : new ArrayList<>(list);
            updated.removeIf(r -> r.idLow == idLow && r.user.equals(user));
            updated.add(new Revoked(idLow, user, keptUntil));
            return List.copyOf(updated);
        });
    }

    @Override
    public boolean isRevoked(long idHigh, long idLow, UserId user) {
        if (byIdHigh.isEmpty()) {
            return false;
        }
        List<Revoked> list = byIdHigh.get(idHigh);
        if (list == null) {
            return false;
        }
        for (int i = 0; i < list.size(); i++) {
            Revoked r = list.get(i);
            if (r.idLow == idLow && r.user.equals(user)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public int forgetExpired(Instant now) {
        int[] forgotten = {0};
        for (Long high : byIdHigh.keySet()) {
            byIdHigh.computeIfPresent(high, (h, list) -> {
                List<Revoked> kept = list.stream().filter(r -> !r.keptUntil.isBefore(now)).toList();
                forgotten[0] += list.size() - kept.size();
                return kept.isEmpty() ? null : kept;
            });
        }
        return forgotten[0];
    }
}
