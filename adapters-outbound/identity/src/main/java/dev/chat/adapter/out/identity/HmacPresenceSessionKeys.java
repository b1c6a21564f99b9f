package dev.chat.adapter.out.identity;

import dev.chat.application.port.PresenceSessionKeys;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;

/**
 * Presence session keys as HMAC-SHA256 of the ticket under a secret the nodes share
 * (docs/presence-datagram.md, "Keys"). The secret is {@code chat.presence.session-secret}
 * (base64url, at least 32 bytes; the distributed profile requires it, the same on every node) or,
 * when that is empty on the embedded default, 32 random bytes kept in
 * {@code <data-dir>/identity/presence-session.secret}, created at the first start. Changing the
 * secret invalidates every session at once: that is how all of them are revoked.
 */
@Singleton
public final class HmacPresenceSessionKeys implements PresenceSessionKeys {
    static final int MIN_SECRET_BYTES = 32;
    /** Domain separation: this secret derives presence session keys and nothing else. */
    private static final byte[] LABEL = "chat presence session key v2".getBytes(StandardCharsets.US_ASCII);

    private final SecretKeySpec secret;
    private final ThreadLocal<Mac> macs;

    @Inject
    public HmacPresenceSessionKeys(@Value("${chat.presence.session-secret:}") String configured,
                                   @Value("${chat.presence.session-secret-required:false}") boolean required,
                                   @Value("${chat.data-dir:./data}") String dataDir) {
        this(secretFrom(configured, required, Path.of(dataDir)));
    }

    HmacPresenceSessionKeys(String configured, boolean required, Path dataDir) {
        this(secretFrom(configured, required, dataDir));
    }

    HmacPresenceSessionKeys(byte[] secret) {
        this.secret = new SecretKeySpec(secret, "HmacSHA256");
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    @Override
    public byte[] keyOf(long idHigh, long idLow, UserId user, long expiresAtMillis) {
        Mac mac = macs.get();
        mac.update(LABEL);
        mac.update(ByteBuffer.allocate(40).putLong(idHigh).putLong(idLow)
                .putLong(user.value().getMostSignificantBits()).putLong(user.value().getLeastSignificantBits())
                .putLong(expiresAtMillis).array());
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(secret);
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    static byte[] secretFrom(String configured, boolean required, Path dataDir) {
        if (configured != null && !configured.isBlank()) {
            return Secrets.decode(configured.strip(), "chat.presence.session-secret", MIN_SECRET_BYTES);
        }
        if (required) {
            throw new IllegalStateException("chat.presence.session-secret (CHAT_PRESENCE_SESSION_SECRET) is not set: "
                    + "every node must hold the same secret of at least " + MIN_SECRET_BYTES + " bytes, base64url, "
                    + "so that any node verifies any presence heartbeat; make one with "
                    + "`head -c 32 /dev/urandom | basenc --base64url`");
        }
        OwnerOnlyFile file = new OwnerOnlyFile(dataDir.resolve("identity").resolve("presence-session.secret"),
                "presence sessions");
        try {
            return Secrets.decode(file.readOrCreate(() -> Secrets.random(MIN_SECRET_BYTES)).strip(), file.path().toString(),
                    MIN_SECRET_BYTES);
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the presence sessions' secret in " + file.path(), e);
        }
    }
}
