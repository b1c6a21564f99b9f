package dev.chat.application.port;

import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

import java.util.Optional;

/** Outbound port: password hashes of the embedded issuer's users (never the passwords). */
public interface CredentialStore {
    record StoredCredentials(UserId user, Username username, String passwordHash) {
        @Override
        public String toString() {
            return "StoredCredentials[" + user + ", " + username + "]";
        }
    }

    void save(StoredCredentials credentials);

    Optional<StoredCredentials> findByUsername(Username username);
}
