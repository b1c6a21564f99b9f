package dev.chat.adapter.out.jdbc.user;

import dev.chat.adapter.out.jdbc.StorageVendor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Micronaut Data repository of {@code users}; one implementation per database vendor. */
public interface UserRows extends GenericRepository<UserRow, UUID> {
    UserRow save(UserRow row);

    Optional<UserRow> findById(UUID id);

    Optional<UserRow> findByUsername(String username);

    Optional<UserRow> findByIssuerAndSubject(String issuer, String subject);

    List<UserRow> findByIdIn(Collection<UUID> ids);

    /** {@link UserRows} with SQL for H2. */
    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = StorageVendor.IsH2.class)
    interface OnH2 extends UserRows {
    }

    /** {@link UserRows} with SQL for PostgreSQL. */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = StorageVendor.IsPostgres.class)
    interface OnPostgres extends UserRows {
    }
}
