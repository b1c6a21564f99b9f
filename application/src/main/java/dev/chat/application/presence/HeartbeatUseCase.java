package dev.chat.application.presence;

import dev.chat.domain.user.UserId;

/** Inbound port: a verified sign of life for a user (from a UDP heartbeat whose signature checked out). */
public interface HeartbeatUseCase {
    void heartbeat(UserId user);
}
