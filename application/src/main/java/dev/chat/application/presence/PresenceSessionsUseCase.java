package dev.chat.application.presence;

import dev.chat.application.identity.Caller;
import dev.chat.domain.presence.PresenceSession;

/**
 * Inbound port: presence sessions. A logged-in device opens one over an authenticated channel
 * and signs its UDP heartbeats with it; the UDP adapter looks sessions up to verify them.
 */
public interface PresenceSessionsUseCase {
    PresenceSession open(Caller caller);

    /** The live session with this id, or null when unknown or expired. */
    PresenceSession find(long idHigh, long idLow);
}
