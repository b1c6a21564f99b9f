package dev.chat.application.port;

import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;

/**
 * Outbound port: each user's presence as last decided, readable on every node. The decider writes
 * a decision when it changes; reads are local (a query or a subscription's first answer never
 * waits for another node). A decision reaches the other nodes' reads soon after (an adapter says how
 * soon), the deciding node's at once.
 */
public interface PresenceStates {
    /** The user's presence as last decided, or null when no decision was ever made. */
    Presence current(UserId user);

    void publish(Presence decided);
}
