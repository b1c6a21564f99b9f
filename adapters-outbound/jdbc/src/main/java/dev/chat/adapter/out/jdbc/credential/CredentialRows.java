package dev.chat.adapter.out.jdbc.credential;

import dev.chat.adapter.out.jdbc.StorageVendor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Optional;
import java.util.UUID;

/** Micronaut Data repository of {@code credentials}; one implementation per database vendor. */
public interface CredentialRows extends GenericRepository<CredentialRow, UUID> {
    CredentialRow save(CredentialRow row);

    CredentialRow update(CredentialRow row);

    boolean existsById(UUID userId);

    Optional<CredentialRow> findByUsername(String username);

    /** {@link CredentialRows} with SQL for H2. */
    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = StorageVendor.IsH2.class)
    interface OnH2 extends CredentialRows {
    }

    /** {@link CredentialRows} with SQL for PostgreSQL. */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = StorageVendor.IsPostgres.class)
    interface OnPostgres extends CredentialRows {
    }
}
