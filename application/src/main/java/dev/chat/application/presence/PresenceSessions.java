package dev.chat.application.presence;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.PresenceSessionStore;
import dev.chat.domain.presence.PresenceSession;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/** Use case: issuing presence sessions (random id and key, valid for a day) and finding them again. */
public final class PresenceSessions implements PresenceSessionsUseCase {
    public static final Duration LIFETIME = Duration.ofHours(24);

    private final PresenceSessionStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public PresenceSessions(PresenceSessionStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public PresenceSession open(Caller caller) {
        byte[] key = new byte[PresenceSession.KEY_BYTES];
        random.nextBytes(key);
        PresenceSession session = new PresenceSession(random.nextLong(), random.nextLong(), caller.user(), key,
                clock.instant().plus(LIFETIME));
        store.save(session);
        return session;
    }

    @Override
    public PresenceSession find(long idHigh, long idLow) {
        PresenceSession session = store.find(idHigh, idLow);
        if (session == null) {
            return null;
        }
        return session.isExpiredAt(clock.millis()) ? null : session;
    }

    /** Periodic clean-up of expired sessions; returns how many were dropped. */
    public int forgetExpired() {
        return store.removeExpired(clock.instant());
    }
}
