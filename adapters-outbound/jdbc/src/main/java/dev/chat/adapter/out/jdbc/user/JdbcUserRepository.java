package dev.chat.adapter.out.jdbc.user;

import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.UserRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** {@link UserRepository} on the {@code users} table; the unique indexes decide who gets a username. */
@Singleton
public final class JdbcUserRepository implements UserRepository {
    private final UserRows rows;

    public JdbcUserRepository(UserRows rows) {
        this.rows = rows;
    }

    @Override
    public void create(User user) {
        try {
            rows.save(UserRow.of(user));
        } catch (DataAccessException e) {
            if (SqlErrors.isUniqueViolation(e)) {
                throw RejectedException.of(Rejection.USERNAME_TAKEN, "the username is taken");
            }
            throw StorageFailure.of("creating a user", e);
        }
    }

    @Override
    public Optional<User> findById(UserId id) {
        return rows.findById(id.value()).map(UserRow::toUser);
    }

    @Override
    public Optional<User> findByUsername(Username username) {
        return rows.findByUsername(username.value()).map(UserRow::toUser);
    }

    @Override
    public Optional<User> findByIdentity(ExternalIdentity identity) {
        return rows.findByIssuerAndSubject(identity.issuer(), identity.subject()).map(UserRow::toUser);
    }

    @Override
    public List<User> findAll(Collection<UserId> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> keys = ids.stream().map(UserId::value).distinct().toList();
        return rows.findByIdIn(keys).stream().map(UserRow::toUser).toList();
    }
}
