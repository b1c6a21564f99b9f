package dev.chat.application.port;

import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Outbound port: where users are kept (metadata store). */
public interface UserRepository {
    /**
     * Stores a new user. Fails with {@code USERNAME_TAKEN} when the username or the external
     * identity already belongs to someone, and then stores nothing.
     */
    void create(User user);

    Optional<User> findById(UserId id);

    Optional<User> findByUsername(Username username);

    Optional<User> findByIdentity(ExternalIdentity identity);

    List<User> findAll(Collection<UserId> ids);
}
