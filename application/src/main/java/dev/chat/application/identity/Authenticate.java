package dev.chat.application.identity;

import dev.chat.domain.user.InvalidTokenException;
import dev.chat.domain.user.TokenFailure;
import dev.chat.application.port.AccessTokenVerifier;
import dev.chat.application.port.IdGenerator;
import dev.chat.application.port.UserRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;

/**
 * Use case: authenticating a token from any OIDC provider. A subject seen for the first time
 * becomes a user here (its preferred username if free and well-formed, else a generated one).
 */
public final class Authenticate implements AuthenticateUseCase {
    private final AccessTokenVerifier verifier;
    private final UserRepository users;
    private final IdGenerator ids;

    public Authenticate(AccessTokenVerifier verifier, UserRepository users, IdGenerator ids) {
        this.verifier = verifier;
        this.users = users;
        this.ids = ids;
    }

    @Override
    public Caller authenticate(String bearerToken) {
        if (bearerToken == null || bearerToken.isBlank()) {
            throw new InvalidTokenException(TokenFailure.MISSING,
                    "no access token was presented");
        }
        AccessTokenVerifier.VerifiedToken token = verifier.verify(bearerToken);
        User user = users.findByIdentity(token.identity()).orElseGet(() -> provision(token));
        return new Caller(user.id(), user.username());
    }

    private User provision(AccessTokenVerifier.VerifiedToken token) {
        var id = ids.newUserId();
        Username username = usable(token.preferredUsername()).orElseGet(() -> generatedName(id));
        User user = newUser(id, username, token);
        try {
            users.create(user);
            return user;
        } catch (RejectedException taken) {
            // the name is taken, or a concurrent first request provisioned this identity already
            return users.findByIdentity(token.identity()).orElseGet(() -> {
                User renamed = newUser(id, generatedName(id), token);
                users.create(renamed);
                return renamed;
            });
        }
    }

    /**
     * A name derived from the whole (unique) id. Ids are time-ordered, so a prefix of one is shared
     * by every user provisioned within the same minute; the whole id in base 36 fits a username.
     */
    private static Username generatedName(UserId id) {
        UUID uuid = id.value();
        ByteBuffer bytes = ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return new Username("user-" + new BigInteger(1, bytes.array()).toString(36));
    }

    /** A display name the model cannot keep (too long, control characters) must not lock the user out. */
    private static User newUser(UserId id, Username username, AccessTokenVerifier.VerifiedToken token) {
        try {
            return new User(id, username, token.displayName(), token.identity());
        } catch (RejectedException unfitDisplayName) {
            return new User(id, username, null, token.identity());
        }
    }

    private Optional<Username> usable(String preferred) {
        if (preferred == null) {
            return Optional.empty();
        }
        try {
            Username name = new Username(preferred);
            return users.findByUsername(name).isPresent() ? Optional.empty() : Optional.of(name);
        } catch (RejectedException malformed) {
            return Optional.empty();
        }
    }
}
