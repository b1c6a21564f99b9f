package dev.chat.application.port;

/** Outbound port: a slow, salted password hash (bcrypt, scrypt or argon2). */
public interface PasswordHasher {
    String hash(CharSequence password);

    boolean matches(CharSequence password, String hash);
}
