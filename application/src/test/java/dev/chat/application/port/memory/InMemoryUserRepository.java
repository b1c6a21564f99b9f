package dev.chat.application.port.memory;

import dev.chat.application.port.UserRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Thread-safe in-memory {@link UserRepository} for use-case tests. */
public final class InMemoryUserRepository implements UserRepository {
    private final Map<UserId, User> byId = new HashMap<>();
    private final Map<Username, User> byUsername = new HashMap<>();
    private final Map<ExternalIdentity, User> byIdentity = new HashMap<>();

    @Override
    public synchronized void create(User user) {
        if (byUsername.containsKey(user.username()) || byIdentity.containsKey(user.identity())
                || byId.containsKey(user.id())) {
            throw RejectedException.of(Rejection.USERNAME_TAKEN, "the username is taken");
        }
        byId.put(user.id(), user);
        byUsername.put(user.username(), user);
        byIdentity.put(user.identity(), user);
    }

    @Override
    public synchronized Optional<User> findById(UserId id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public synchronized Optional<User> findByUsername(Username username) {
        return Optional.ofNullable(byUsername.get(username));
    }

    @Override
    public synchronized Optional<User> findByIdentity(ExternalIdentity identity) {
        return Optional.ofNullable(byIdentity.get(identity));
    }

    @Override
    public synchronized List<User> findAll(Collection<UserId> ids) {
        return ids.stream().distinct().map(byId::get).filter(Objects::nonNull).toList();
    }
}
