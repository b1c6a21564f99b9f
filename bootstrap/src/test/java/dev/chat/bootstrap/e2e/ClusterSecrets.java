package dev.chat.bootstrap.e2e;

import dev.chat.adapter.out.push.PushTestKeys;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;

/**
 * The secrets every node of a distributed deployment shares, fresh for a test (the distributed
 * profile refuses to start without them): the presence session secret, the VAPID key pair and the
 * webhook secret.
 */
final class ClusterSecrets {
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ClusterSecrets() {
    }

    static Map<String, String> fresh() {
        byte[] presence = new byte[32];
        new SecureRandom().nextBytes(presence);
        PushTestKeys push = new PushTestKeys();
        return Map.of("chat.presence.session-secret", BASE64URL.encodeToString(presence),
                "chat.push.vapid.public-key", BASE64URL.encodeToString(push.vapid().publicKey()),
                "chat.push.vapid.private-key", BASE64URL.encodeToString(push.vapid().privateKey()),
                "chat.push.webhook.secret", BASE64URL.encodeToString(push.webhookSecret()));
    }
}
