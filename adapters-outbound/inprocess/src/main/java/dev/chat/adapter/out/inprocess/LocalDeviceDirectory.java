package dev.chat.adapter.out.inprocess;

import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.port.DeviceDirectory;
import dev.chat.domain.user.UserId;
import jakarta.inject.Singleton;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The devices connected to this node. A device that connects again while its old connection is
 * still open replaces it: the old one is closed, so a device never receives a message twice.
 * Lookups are lock-free: each user's sessions are an immutable array swapped on change.
 */
@Singleton
public final class LocalDeviceDirectory implements DeviceDirectory {
    private static final DeviceSession[] NONE = new DeviceSession[0];

    private final ConcurrentHashMap<UserId, DeviceSession[]> byUser = new ConcurrentHashMap<>();
    private final AtomicInteger connected = new AtomicInteger();

    @Override
    public void register(DeviceSession session) {
        DeviceSession[] displaced = new DeviceSession[1];
        byUser.compute(session.device().user(), (user, sessions) -> {
            DeviceSession[] current = sessions == null ? NONE : sessions;
            DeviceSession[] next = Arrays.copyOf(current, current.length + 1);
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
        if (displaced[0] != null) {
            displaced[0].close();
            displaced[0].sink().disconnect("replaced by a newer connection of the same device");
        } else {
            connected.incrementAndGet();
        }
    }

    @Override
    public void unregister(DeviceSession session) {
        boolean[] removed = new boolean[1];
        byUser.computeIfPresent(session.device().user(), (user, sessions) -> {
            DeviceSession[] next = Arrays.stream(sessions).filter(s -> s != session).toArray(DeviceSession[]::new);
            removed[0] = next.length < sessions.length;
            return next.length == 0 ? null : next;
        });
        if (removed[0]) {
            connected.decrementAndGet();
        }
    }

    @Override
    public Collection<DeviceSession> sessionsOf(UserId user) {
        DeviceSession[] sessions = byUser.get(user);
        return sessions == null ? List.of() : Arrays.asList(sessions);
    }

    @Override
    public int connectedDevices() {
        return connected.get();
    }
}
