package dev.chat.adapter.out.jdbc.offset;

import dev.chat.adapter.out.jdbc.MessageColumns;
import dev.chat.adapter.out.jdbc.RetentionScheduler;
import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.OffsetStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.message.Position;
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
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * {@link OffsetStore} on {@code device_offsets}, in plain JDBC since every acknowledgement writes
 * here. An offset only moves forward: the update is conditional on the stored position being lower,
 * which holds under concurrency without locks and reads the same on H2 and PostgreSQL. Offsets not
 * moved for {@code chat.offsets.retention} are deleted by a periodic sweep.
 */
@Singleton
@Requires(property = "chat.offsets.backend", value = "jdbc", defaultValue = "jdbc")
public final class JdbcOffsetStore implements OffsetStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcOffsetStore.class);

    private static final String MOVE_FORWARD = "UPDATE device_offsets SET position = ?, updated_at = ?"
            + " WHERE user_id = ? AND device_id = ? AND chat_id = ? AND position < ?";
    private static final String INSERT_IF_ABSENT = "INSERT INTO device_offsets"
            + " (user_id, device_id, chat_id, position, updated_at) SELECT ?, ?, ?, ?, ? WHERE NOT EXISTS"
            + " (SELECT 1 FROM device_offsets WHERE user_id = ? AND device_id = ? AND chat_id = ?)";
    private static final String OFFSETS_OF = "SELECT chat_id, position FROM device_offsets"
            + " WHERE user_id = ? AND device_id = ?";
    private static final String OFFSET_OF = "SELECT position FROM device_offsets"
            + " WHERE user_id = ? AND device_id = ? AND chat_id = ?";
    private static final String DELETE_UNUSED = "DELETE FROM device_offsets WHERE updated_at < ?";

    private final DataSource dataSource;
    private final Duration retention;

    public JdbcOffsetStore(DataSource dataSource, RetentionScheduler scheduler,
                           @Value("${chat.offsets.retention:30d}") Duration retention,
                           @Value("${chat.retention.sweep-interval:1h}") Duration sweepInterval) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.retention = retention;
        scheduler.every(sweepInterval, "device offsets", () -> deleteUnusedSince(Instant.now()));
    }

    @Override
    public void advance(Device device, ChatId chat, Position position) {
        Instant now = Instant.now();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (moveForward(connection, device, chat, position, now) > 0) {
                return;
            }
            try {
                if (insertIfAbsent(connection, device, chat, position, now) == 0) {
                    // another acknowledgement inserted the row since the update: move that one forward
                    moveForward(connection, device, chat, position, now);
                }
            } catch (SQLException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                // a concurrent insert of the same row won: move that one forward instead
                moveForward(connection, device, chat, position, now);
            }
        } catch (SQLException e) {
            throw StorageFailure.of("advancing an offset", e);
        }
    }

    @Override
    public Map<ChatId, Position> offsetsOf(Device device) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(OFFSETS_OF)) {
            query.setObject(1, device.user().value());
            query.setString(2, device.id().value());
            Map<ChatId, Position> offsets = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    offsets.put(new ChatId(rows.getObject(1, UUID.class)), new Position(rows.getLong(2)));
                }
            }
            return offsets;
        } catch (SQLException e) {
            throw StorageFailure.of("reading offsets", e);
        }
    }

    @Override
    public Position offsetOf(Device device, ChatId chat) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement query = connection.prepareStatement(OFFSET_OF)) {
            query.setObject(1, device.user().value());
            query.setString(2, device.id().value());
            query.setObject(3, chat.value());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? new Position(row.getLong(1)) : Position.START;
            }
        } catch (SQLException e) {
            throw StorageFailure.of("reading an offset", e);
        }
    }

    /** Deletes the offsets that did not move since {@code now} minus the retention. */
    public int deleteUnusedSince(Instant now) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE_UNUSED)) {
            connection.setAutoCommit(true);
            delete.setObject(1, MessageColumns.timestamp(now.minus(retention)));
            int deleted = delete.executeUpdate();
            if (deleted > 0) {
                LOG.info("deleted {} device offsets unused for {}", deleted, retention);
            }
            return deleted;
        } catch (SQLException e) {
            throw StorageFailure.of("deleting unused offsets", e);
        }
    }

    private static int moveForward(Connection connection, Device device, ChatId chat, Position position,
                                   Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(MOVE_FORWARD)) {
            update.setLong(1, position.value());
            update.setObject(2, MessageColumns.timestamp(now));
            update.setObject(3, device.user().value());
            update.setString(4, device.id().value());
            update.setObject(5, chat.value());
            update.setLong(6, position.value());
            return update.executeUpdate();
        }
    }

    private static int insertIfAbsent(Connection connection, Device device, ChatId chat, Position position,
                                       Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT_IF_ABSENT)) {
            insert.setObject(1, device.user().value());
            insert.setString(2, device.id().value());
            insert.setObject(3, chat.value());
            insert.setLong(4, position.value());
            insert.setObject(5, MessageColumns.timestamp(now));
            insert.setObject(6, device.user().value());
            insert.setString(7, device.id().value());
            insert.setObject(8, chat.value());
            return insert.executeUpdate();
        }
    }
}
