package dev.chat.application.delivery.planted;

import dev.chat.application.presence.planted.PresenceTrackingSessions;

/**
 * Planted violation: delivery depending back on presence, which depends on delivery (as
 * {@code ConnectDevice} on {@code PresenceTracker}): a cycle between two application packages.
 */
public final class DeliveryReportingPresence {
    private final PresenceTrackingSessions presence = new PresenceTrackingSessions();

    public void connect(DeliverySessionStandIn session) {
        presence.announce(session);
    }
}
