package dev.chat.bootstrap.e2e;

import java.security.SecureRandom;
import java.util.Base64;

/** Presence session secrets for the distributed profile in tests (it refuses to start without one). */
final class PresenceSecrets {
    private PresenceSecrets() {
    }

    static String fresh() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
