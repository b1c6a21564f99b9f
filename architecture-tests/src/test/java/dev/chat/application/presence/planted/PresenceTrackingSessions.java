package dev.chat.application.presence.planted;

import dev.chat.application.delivery.planted.DeliverySessionStandIn;

/** Presence depending on delivery, one way: no cycle on its own (as {@code PresenceTracker} on {@code DeviceSession}). */
public final class PresenceTrackingSessions {
    public void announce(DeliverySessionStandIn session) {
        session.push("presence");
    }
}
