package dev.chat.bootstrap;

import dev.chat.application.presence.PresenceSessions;
import dev.chat.application.presence.PresenceTracker;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

/** The periodic part of presence: announcing users whose heartbeats stopped, forgetting revocations of sessions that expired. */
@Singleton
public class PresenceHousekeeping {
    private final PresenceTracker tracker;
    private final PresenceSessions sessions;

    public PresenceHousekeeping(PresenceTracker tracker, PresenceSessions sessions) {
        this.tracker = tracker;
        this.sessions = sessions;
    }

    @Scheduled(fixedDelay = "${chat.presence-sweep-interval:1s}")
    void sweep() {
        tracker.sweep();
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "10m")
    void forgetExpiredRevocations() {
        sessions.forgetExpired();
    }
}
