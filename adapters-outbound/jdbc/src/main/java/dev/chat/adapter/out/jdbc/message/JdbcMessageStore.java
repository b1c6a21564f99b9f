package dev.chat.adapter.out.jdbc.message;

import dev.chat.adapter.out.jdbc.MessageColumns;
import dev.chat.adapter.out.jdbc.RetentionScheduler;
import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link MessageStore} on the {@code messages} table (the embedded default; the distributed profile
 * keeps chat contents in Cassandra, where a TTL expires them). Plain JDBC batches: this is the hot
 * path the message log's consumer writes every message through. Messages older than
 * {@code chat.messages.retention} are deleted by a periodic sweep.
 */
@Singleton
@Requires(property = "chat.messages.backend", value = "jdbc", defaultValue = "jdbc")
public final class JdbcMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcMessageStore.class);
    private static final int SWEEP_CHUNK = 10_000;

    private static final String INSERT_IF_ABSENT = "INSERT INTO messages (" + MessageColumns.LIST + ") SELECT "
            + MessageColumns.PLACEHOLDERS + " WHERE NOT EXISTS (SELECT 1 FROM messages WHERE chat_id = ? AND position = ?)";
    private static final String AFTER = "SELECT " + MessageColumns.LIST
            + " FROM messages WHERE chat_id = ? AND position > ? ORDER BY position LIMIT ?";
    // the primary key (chat_id, position) read backwards: H2 and PostgreSQL both walk an index in reverse
    private static final String BEFORE = "SELECT " + MessageColumns.LIST
            + " FROM messages WHERE chat_id = ? AND position < ? ORDER BY position DESC LIMIT ?";
    private static final String LATEST = "SELECT " + MessageColumns.LIST
            + " FROM messages WHERE chat_id = ? ORDER BY position DESC LIMIT 1";
    private static final String COUNT_UNREAD = "SELECT COUNT(*) FROM (SELECT 1 FROM messages"
            + " WHERE chat_id = ? AND position > ? AND sender_id <> ? ORDER BY position LIMIT ?) unread";
    private static final String DELETE_EXPIRED = "DELETE FROM messages WHERE (chat_id, position) IN ("
            + "SELECT chat_id, position FROM messages WHERE sent_at < ? FETCH FIRST " + SWEEP_CHUNK + " ROWS ONLY)";

    private final DataSource dataSource;
    private final Duration retention;

    public JdbcMessageStore(DataSource dataSource, RetentionScheduler scheduler,
                            @Value("${chat.messages.retention:30d}") Duration retention,
                            @Value("${chat.retention.sweep-interval:1h}") Duration sweepInterval) {
        // outside Micronaut's transaction-bound connection: this adapter manages its own connections
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.retention = retention;
        scheduler.every(sweepInterval, "messages", () -> deleteOlderThanRetention(Instant.now()));
    }

    @Override
    public void storeAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement(INSERT_IF_ABSENT)) {
                for (Message message : messages) {
                    MessageColumns.bind(insert, 1, message);
                    insert.setObject(MessageColumns.COUNT + 1, message.chatId().value());
                    insert.setLong(MessageColumns.COUNT + 2, message.position().value());
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                // a concurrent writer stored some of them first: store the rest one by one
                storeEachIfAbsent(connection, messages);
            }
        } catch (SQLException e) {
            throw StorageFailure.of("storing " + messages.size() + " messages", e);
        }
    }

    private static void storeEachIfAbsent(Connection connection, List<Message> messages) throws SQLException {
        connection.setAutoCommit(true);
        try (PreparedStatement insert = connection.prepareStatement(INSERT_IF_ABSENT)) {
            for (Message message : messages) {
                MessageColumns.bind(insert, 1, message);
                insert.setObject(MessageColumns.COUNT + 1, message.chatId().value());
                insert.setLong(MessageColumns.COUNT + 2, message.position().value());
                try {
                    insert.executeUpdate();
                } catch (SQLException e) {
                    if (!SqlErrors.isUniqueViolation(e)) {
                        throw e;
                    }
                }
            }
        }
    }

    @Override
    public List<Message> after(ChatId chat, Position after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(AFTER)) {
            query.setObject(1, chat.value());
            query.setLong(2, after.value());
            query.setInt(3, limit);
            return readAll(query);
        } catch (SQLException e) {
            throw StorageFailure.of("reading messages", e);
        }
    }

    @Override
    public List<Message> before(ChatId chat, Position before, int limit) {
        if (limit <= 0 || before.equals(Position.START)) {
            return List.of();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(BEFORE)) {
            query.setObject(1, chat.value());
            query.setLong(2, before.value());
            query.setInt(3, limit);
            return readAll(query);
        } catch (SQLException e) {
            throw StorageFailure.of("reading messages", e);
        }
    }

    @Override
    public Optional<Message> latest(ChatId chat) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(LATEST)) {
            query.setObject(1, chat.value());
            return readAll(query).stream().findFirst();
        } catch (SQLException e) {
            throw StorageFailure.of("reading the latest message", e);
        }
    }

    @Override
    public int countUnread(ChatId chat, Position after, UserId reader, int cap) {
        if (cap <= 0) {
            return 0;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(COUNT_UNREAD)) {
            query.setObject(1, chat.value());
            query.setLong(2, after.value());
            query.setObject(3, reader.value());
            query.setInt(4, cap);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        } catch (SQLException e) {
            throw StorageFailure.of("counting unread messages", e);
        }
    }

    /** Deletes the messages sent before {@code now} minus the retention, in small transactions. */
    public int deleteOlderThanRetention(Instant now) {
        Instant cutoff = now.minus(retention);
        int deleted = 0;
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
            connection.setAutoCommit(true);
            delete.setObject(1, MessageColumns.timestamp(cutoff));
            for (int chunk = delete.executeUpdate(); chunk > 0; chunk = delete.executeUpdate()) {
                deleted += chunk;
            }
        } catch (SQLException e) {
            throw StorageFailure.of("deleting expired messages", e);
        }
        if (deleted > 0) {
            LOG.info("deleted {} messages older than {}", deleted, retention);
        }
        return deleted;
    }

    private static List<Message> readAll(PreparedStatement query) throws SQLException {
        List<Message> messages = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                messages.add(MessageColumns.read(rows, 1));
            }
        }
        return messages;
    }
}
