package dev.chat.application.identity;

import dev.chat.application.port.CredentialStore;
import dev.chat.application.port.IdGenerator;
import dev.chat.application.port.PasswordHasher;
import dev.chat.application.port.TokenIssuer;
import dev.chat.application.port.UserRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

/** Use case: signing up with a username and password; the embedded issuer vouches for the new user. */
public final class SignUp implements SignUpUseCase {
    private final UserRepository users;
    private final CredentialStore credentials;
    private final PasswordHasher hasher;
    private final TokenIssuer issuer;
    private final IdGenerator ids;

    public SignUp(UserRepository users, CredentialStore credentials, PasswordHasher hasher,
                  TokenIssuer issuer, IdGenerator ids) {
        this.users = users;
        this.credentials = credentials;
        this.hasher = hasher;
        this.issuer = issuer;
        this.ids = ids;
    }

    @Override
    public User signUp(String username, String password, String displayName) {
        Username name = new Username(username);
        PasswordRules.check(password);
        if (users.findByUsername(name).isPresent()) {
            throw RejectedException.of(Rejection.USERNAME_TAKEN, "the username is taken");
        }
        UserId id = ids.newUserId();
        User user = new User(id, name, displayName, new ExternalIdentity(issuer.issuer(), id.toString()));
        String hash = hasher.hash(password);
        users.create(user);
        credentials.save(new CredentialStore.StoredCredentials(id, name, hash));
        return user;
    }
}
