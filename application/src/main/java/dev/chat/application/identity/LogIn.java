package dev.chat.application.identity;

import dev.chat.domain.user.IssuedToken;
import dev.chat.application.port.CredentialStore;
import dev.chat.application.port.PasswordHasher;
import dev.chat.application.port.TokenIssuer;
import dev.chat.application.port.UserRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.User;
import dev.chat.domain.user.Username;

import java.util.Optional;

/** Use case: logging in to the embedded issuer. Unknown user and wrong password answer alike. */
public final class LogIn implements LogInUseCase {
    private final UserRepository users;
    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final String decoyHash;

    public LogIn(UserRepository users, CredentialStore credentials, PasswordHasher hasher, TokenIssuer issuer) {
        this.users = users;
        this.credentials = credentials;
        this.hasher = hasher;
        this.issuer = issuer;
        this.decoyHash = hasher.hash("decoy password for unknown users");
    }

    @Override
    public IssuedToken logIn(String username, String password) {
        Optional<CredentialStore.StoredCredentials> stored;
        try {
            stored = credentials.findByUsername(new Username(username));
        } catch (RejectedException malformed) {
            stored = Optional.empty();
        }
        String candidate = password == null ? "" : password;
        // hash even for an unknown user, so that timing does not tell which usernames exist
        boolean matches = hasher.matches(candidate, stored.map(CredentialStore.StoredCredentials::passwordHash)
                .orElse(decoyHash)) && stored.isPresent();
        if (!matches) {
            throw RejectedException.of(Rejection.BAD_CREDENTIALS, "unknown username or wrong password");
        }
        User user = users.findById(stored.get().user()).orElseThrow(() ->
                RejectedException.of(Rejection.BAD_CREDENTIALS, "unknown username or wrong password"));
        return issuer.issue(user);
    }
}
