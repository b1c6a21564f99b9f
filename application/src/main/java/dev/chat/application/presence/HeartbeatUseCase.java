package dev.chat.application.presence;

import dev.chat.domain.user.UserId;

/** Inbound port: a verified sign of life for a user (from a heartbeat whose signature checked out). */
public interface HeartbeatUseCase {
    /**
     * The user was alive at {@code sentAtMillis}, the time the heartbeat carries (the server's clock as
     * the client keeps it). Liveness counts from that time, never from when the heartbeat arrived, so
     * a genuine heartbeat replayed later, on any node, tells nothing new.
     */
    void heartbeat(UserId user, long sentAtMillis);
}
