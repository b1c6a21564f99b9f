package dev.chat.application.port;

import dev.chat.application.delivery.DeviceSession;
import dev.chat.domain.user.UserId;

import java.util.Collection;

/**
 * Outbound port: which devices are connected, and how to reach them. The embedded default keeps
 * the sessions of this node in memory; a cluster routes to the node that holds the connection.
 */
public interface DeviceDirectory {
    void register(DeviceSession session);

    void unregister(DeviceSession session);

    /** The user's connected device sessions (empty when none is connected). */
    Collection<DeviceSession> sessionsOf(UserId user);

    int connectedDevices();
}
