package dev.chat.adapter.out.identity;

import dev.chat.application.port.PasswordHasher;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.springframework.security.crypto.bcrypt.BCrypt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/** Hashes passwords with bcrypt ($2b$), at the cost configured in {@code chat.auth.bcrypt-cost}. */
@Singleton
public final class BcryptPasswordHasher implements PasswordHasher {
    /** bcrypt reads no further; longer passwords are cut here, the same way when hashing and checking. */
    static final int MAX_BYTES = 72;

    private final int cost;
    private final SecureRandom random = new SecureRandom();

    @Inject
    public BcryptPasswordHasher(AuthSettings settings) {
        this(settings.bcryptCost());
    }

    BcryptPasswordHasher(int cost) {
        this.cost = cost;
    }

    @Override
    public String hash(CharSequence password) {
        byte[] bytes = firstBytes(password);
        try {
            return BCrypt.hashpw(bytes, BCrypt.gensalt("$2b", cost, random));
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    @Override
    public boolean matches(CharSequence password, String hash) {
        if (password == null || hash == null || hash.isEmpty()) {
            return false;
        }
        byte[] bytes = firstBytes(password);
        try {
            return BCrypt.checkpw(bytes, hash);
        } catch (IllegalArgumentException notBcrypt) {
            return false;
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    int cost() {
        return cost;
    }

    /*
     * Spring's BCrypt refuses more than 72 bytes (rather than silently ignoring the rest, as bcrypt
     * does); the password rules allow 128 characters, so the cut is made here, explicitly.
     */
    private static byte[] firstBytes(CharSequence password) {
        if (password == null) {
            throw new IllegalArgumentException("password must be present");
        }
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[Math.min(encoded.remaining(), MAX_BYTES)];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }
}
