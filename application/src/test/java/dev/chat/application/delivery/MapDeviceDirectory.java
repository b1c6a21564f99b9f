package dev.chat.application.delivery;

import dev.chat.application.port.DeviceDirectory;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The simplest device directory: sessions by user, in a map. */
public final class MapDeviceDirectory implements DeviceDirectory {
    private final ConcurrentHashMap<UserId, CopyOnWriteArrayList<DeviceSession>> sessions = new ConcurrentHashMap<>();

    @Override
    public void register(DeviceSession session) {
        sessions.computeIfAbsent(session.device().user(), u -> new CopyOnWriteArrayList<>()).add(session);
    }

    @Override
    public void unregister(DeviceSession session) {
        sessions.getOrDefault(session.device().user(), new CopyOnWriteArrayList<>()).remove(session);
    }

    @Override
    public Collection<DeviceSession> sessionsOf(UserId user) {
        return sessions.containsKey(user) ? sessions.get(user) : List.of();
    }

    @Override
    public int connectedDevices() {
        return sessions.values().stream().mapToInt(List::size).sum();
    }

    /**
     * Given the user's device is connected and has caught up, so that what follows reaches it live:
     * returns its sink (which holds the {@link DeviceEvent.CaughtUp} of an empty catch-up).
     */
    public RecordingSink live(User user, String deviceId) {
        RecordingSink sink = new RecordingSink();
        DeviceSession session = new DeviceSession(new Device(user.id(), new DeviceId(deviceId)), sink);
        session.finishCatchUp(0);
        register(session);
        return sink;
    }
}
