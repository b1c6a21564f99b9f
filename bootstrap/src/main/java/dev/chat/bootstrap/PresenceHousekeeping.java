package dev.chat.bootstrap;

import dev.chat.application.presence.DecideHere;
import dev.chat.application.presence.PresenceSessions;
import dev.chat.application.presence.PresenceTracker;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The periodic part of presence: this node's users whose heartbeats stopped, the in-process
 * decider's held-back announcements (a cluster's deciders sweep in their adapter), and revocations
 * of sessions that expired.
 */
@Singleton
public class PresenceHousekeeping {
    private final PresenceTracker tracker;
    private final Optional<DecideHere> decideHere;
    private final PresenceSessions sessions;

    public PresenceHousekeeping(PresenceTracker tracker, Optional<DecideHere> decideHere, PresenceSessions sessions) {
        this.tracker = tracker;
        this.decideHere = decideHere;
        this.sessions = sessions;
    }

    @Scheduled(fixedDelay = "${chat.presence-sweep-interval:1s}")
    void sweep() {
        tracker.sweep();
        decideHere.ifPresent(DecideHere::sweep);
    }

    @Scheduled(fixedDelay = "10m", initialDelay = "10m")
    void forgetExpiredRevocations() {
        sessions.forgetExpired();
    }
}
