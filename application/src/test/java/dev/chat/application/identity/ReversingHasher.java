package dev.chat.application.identity;

import dev.chat.application.port.PasswordHasher;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A password hasher that is fast and transparent, for specifications: the hash is recognizably not
 * the password, and it counts how often a password was checked (a real one takes the same time
 * for every check, which is what the count stands for).
 *
 * <p>It does not run {@code PasswordHasherContract}, and must not be made to: it is unsalted on
 * purpose (a specification can predict the hash), so the same password always hashes alike, and
 * its hash is the password reversed, which gives the password away. Both are what the contract
 * refuses; the production hasher keeps it.
 */
final class ReversingHasher implements PasswordHasher {
    private final AtomicInteger checks = new AtomicInteger();

    @Override
    public String hash(CharSequence password) {
        return "hashed:" + new StringBuilder(password).reverse();
    }

    @Override
    public boolean matches(CharSequence password, String hash) {
        checks.incrementAndGet();
        return hash(password).equals(hash);
    }

    int checks() {
        return checks.get();
    }
}
