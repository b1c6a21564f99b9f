package dev.chat.application.delivery;

import dev.chat.domain.device.Device;
import dev.chat.domain.user.UserId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The devices connected to this node. A device that connects again while its old connection is
 * still open replaces it, so a device never receives a message twice. Lookups are lock-free and
 * allocate nothing: each user's sessions are an immutable array swapped on change.
 */
public final class ConnectedDevices {
    private static final DeviceSession[] NONE = new DeviceSession[0];

    private final ConcurrentHashMap<UserId, DeviceSession[]> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();

    /** Adds the session; returns the older session of the same device it replaced, if any (the caller displaces it). */
    public Optional<DeviceSession> register(DeviceSession session) {
        DeviceSession[] displaced = new DeviceSession[1];
        byUser.compute(session.device().user(), (user, sessions) -> {
            DeviceSession[] current = sessions == null ? NONE : sessions;
            DeviceSession[] next = new DeviceSession[current.length + 1];
            int size = 0;
            for (DeviceSession existing : current) {
                if (existing.device().equals(session.device())) {
                    displaced[0] = existing;
                } else {
                    next[size++] = existing;
                }
            }
            next[size++] = session;
            return Arrays.copyOf(next, size);
        });
        if (displaced[0] == null) {
            connected.incrementAndGet();
        }
        return Optional.ofNullable(displaced[0]);
    }

    /**
     * Removes the session. Returns true when it was this device's connection here, i.e. it had not
     * been replaced by a newer one (whose route must then stay).
     */
    public boolean unregister(DeviceSession session) {
        boolean[] removed = new boolean[1];
        byUser.computeIfPresent(session.device().user(), (user, sessions) -> {
            DeviceSession[] next = Arrays.stream(sessions).filter(s -> s != session).toArray(DeviceSession[]::new);
            removed[0] = next.length < sessions.length;
            return next.length == 0 ? null : next;
        });
        if (removed[0]) {
            connected.decrementAndGet();
        }
        return removed[0];
    }

    /** The user's sessions on this node (empty when none). Hot path: a view of the array, nothing copied. */
    public Collection<DeviceSession> sessionsOf(UserId user) {
        DeviceSession[] sessions = byUser.get(user);
        return sessions == null ? List.of() : Arrays.asList(sessions);
    }

    public Optional<DeviceSession> sessionOf(Device device) {
        for (DeviceSession session : sessionsOf(device.user())) {
            if (session.device().equals(device)) {
                return Optional.of(session);
            }
        }
        return Optional.empty();
    }

    /** Every session on this node, e.g. to register their routes again after the node's lease was lost. */
    public List<DeviceSession> all() {
        List<DeviceSession> all = new ArrayList<>(connected.get());
        byUser.values().forEach(sessions -> all.addAll(Arrays.asList(sessions)));
        return all;
    }

    public int count() {
        return connected.get();
    }
}
