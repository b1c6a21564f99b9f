package dev.chat.adapter.out.jdbc.chat;

import dev.chat.adapter.out.jdbc.StorageVendor;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

import java.util.List;
import java.util.UUID;

/** Micronaut Data repository of {@code chat_members} (the writes); one implementation per database vendor. */
public interface ChatMemberRows extends GenericRepository<ChatMemberRow, ChatMemberRow.Key> {
    List<ChatMemberRow> saveAll(Iterable<ChatMemberRow> rows);

    @Query("DELETE FROM chat_members WHERE chat_id = :chat")
    void deleteMembersOf(UUID chat);

    /** {@link ChatMemberRows} with SQL for H2. */
    @JdbcRepository(dialect = Dialect.H2)
    @Requires(condition = StorageVendor.IsH2.class)
    interface OnH2 extends ChatMemberRows {
    }

    /** {@link ChatMemberRows} with SQL for PostgreSQL. */
    @JdbcRepository(dialect = Dialect.POSTGRES)
    @Requires(condition = StorageVendor.IsPostgres.class)
    interface OnPostgres extends ChatMemberRows {
    }
}
