package dev.chat.adapter.out.jdbc.chat;

import dev.chat.adapter.out.jdbc.StorageVendor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.UUID;

/** Micronaut Data repository of {@code chats} (the writes; reads join the members, see JdbcChatRepository). */
public interface ChatRows extends GenericRepository<ChatRow, UUID> {
    /** Inserts the row; a unique violation when a chat with its id is stored. */
    ChatRow save(ChatRow row);

    /**
     * Renames the group and raises its version by one if the stored version is the given one.
     *
     * @return the rows changed: 1, or 0 when the group is at another version (or is no group)
     */
    @Query("UPDATE chats SET name = :name, version = version + 1"
            + " WHERE id = :id AND kind = 'GROUP' AND version = :version")
    long updateGroupAt(UUID id, String name, long version);

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
