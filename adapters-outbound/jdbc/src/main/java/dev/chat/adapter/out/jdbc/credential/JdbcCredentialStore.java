package dev.chat.adapter.out.jdbc.credential;

import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.CredentialStore;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.Optional;

/** {@link CredentialStore} on the {@code credentials} table: one row per user, the username unique. */
@Singleton
public final class JdbcCredentialStore implements CredentialStore {
    private final CredentialRows rows;
    private final TransactionOperations<Connection> transactions;

    public JdbcCredentialStore(CredentialRows rows, TransactionOperations<Connection> transactions) {
        this.rows = rows;
        this.transactions = transactions;
    }

    @Override
    public void save(StoredCredentials credentials) {
        CredentialRow row = new CredentialRow(credentials.user().value(), credentials.username().value(),
                credentials.passwordHash());
        try {
            transactions.executeWrite(status -> rows.existsById(row.userId()) ? rows.update(row) : rows.save(row));
        } catch (DataAccessException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw StorageFailure.of("saving credentials", e);
            }
            // either the username is someone else's, or the same user was inserted concurrently
            if (rows.existsById(row.userId()) && !isSomeoneElses(credentials.username(), credentials.user())) {
                rows.update(row);
                return;
            }
            throw RejectedException.of(Rejection.USERNAME_TAKEN, "the username is taken");
        }
    }

    @Override
    public Optional<StoredCredentials> findByUsername(Username username) {
        return rows.findByUsername(username.value()).map(row -> new StoredCredentials(new UserId(row.userId()),
                new Username(row.username()), row.passwordHash()));
    }

    private boolean isSomeoneElses(Username username, UserId user) {
        return rows.findByUsername(username.value()).filter(row -> !row.userId().equals(user.value())).isPresent();
    }
}
