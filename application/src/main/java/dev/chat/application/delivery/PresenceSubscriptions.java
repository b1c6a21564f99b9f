package dev.chat.application.delivery;

import dev.chat.domain.user.UserId;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which devices on this node follow which users' presence. A presence change reaches every node
 * that holds a contact's device; there it goes only to the sessions that subscribed.
 */
public final class PresenceSubscriptions {
    private final ConcurrentHashMap<DeviceSession, Set<UserId>> followed = new ConcurrentHashMap<>();

    /** The device follows these users from now on (the caller checked they are its contacts). */
    public void subscribe(DeviceSession session, Set<UserId> users) {
        followed.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).addAll(users);
    }

    public boolean follows(DeviceSession session, UserId user) {
        Set<UserId> users = followed.get(session);
        return users != null && users.contains(user);
    }

    /** Drops every subscription of a device that disconnected. */
    public void unsubscribeAll(DeviceSession session) {
        followed.remove(session);
    }

    public int subscribedSessions() {
        return followed.size();
    }
}
