package dev.chat.application.port.memory;

import dev.chat.application.port.CredentialStore;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Thread-safe in-memory {@link CredentialStore} for use-case tests. */
public final class InMemoryCredentialStore implements CredentialStore {
    private final Map<UserId, StoredCredentials> byUser = new HashMap<>();
    private final Map<Username, StoredCredentials> byUsername = new HashMap<>();

    @Override
    public synchronized void save(StoredCredentials credentials) {
        StoredCredentials holder = byUsername.get(credentials.username());
        if (holder != null && !holder.user().equals(credentials.user())) {
            throw RejectedException.of(Rejection.USERNAME_TAKEN, "the username is taken");
        }
        StoredCredentials previous = byUser.put(credentials.user(), credentials);
        if (previous != null) {
            byUsername.remove(previous.username());
        }
        byUsername.put(credentials.username(), credentials);
    }

    @Override
    public synchronized Optional<StoredCredentials> findByUsername(Username username) {
        return Optional.ofNullable(byUsername.get(username));
    }
}
