package dev.chat.adapter.out.jdbc.chat;

import dev.chat.adapter.out.jdbc.StorageVendor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Micronaut Data repository of {@code chats}; one implementation per database vendor. */
public interface ChatRows extends GenericRepository<ChatRow, UUID> {
    ChatRow save(ChatRow row);

    ChatRow update(ChatRow row);

    boolean existsById(UUID id);

    Optional<ChatRow> findById(UUID id);

    @Query("SELECT c.id, c.kind, c.name FROM chats c JOIN chat_members m ON m.chat_id = c.id WHERE m.user_id = :user")
    List<ChatRow> findChatsOf(UUID user);

    /** {@link ChatRows} with SQL for H2. */
    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = StorageVendor.IsH2.class)
    interface OnH2 extends ChatRows {
    }

    /** {@link ChatRows} with SQL for PostgreSQL. */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = StorageVendor.IsPostgres.class)
    interface OnPostgres extends ChatRows {
    }
}
