package dev.chat.adapter.out.jdbc.log;

import dev.chat.adapter.out.jdbc.MessageColumns;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The SQL of {@code message_log} and {@code log_consumer} (one row per subscription name); every
 * method runs on the connection it is given.
 */
final class LogTable {
    private static final String INSERT = "INSERT INTO message_log (" + MessageColumns.LIST + ") VALUES ("
            + MessageColumns.PLACEHOLDERS + ")";
    private static final String FIND_BY_CLIENT_ID = "SELECT " + MessageColumns.LIST
            + " FROM message_log WHERE chat_id = ? AND sender_id = ? AND client_message_id = ?";
    private static final String READ_AFTER = "SELECT " + MessageColumns.LIST
            + " FROM message_log WHERE position > ? AND position <= ? ORDER BY position LIMIT ?";
    private static final String MAX_POSITION = "SELECT COALESCE(MAX(position), 0) FROM message_log";
    private static final String CONSUMER_POSITIONS = "SELECT name, position FROM log_consumer";
    private static final String MOVE_CONSUMER = "UPDATE log_consumer SET position = ? WHERE name = ? AND position < ?";
    private static final String INSERT_CONSUMER = "INSERT INTO log_consumer (name, position) SELECT ?, ?"
            + " WHERE NOT EXISTS (SELECT 1 FROM log_consumer WHERE name = ?)";
    private static final String TIMES_AFTER = "SELECT position, sent_at FROM message_log"
            + " WHERE position > ? AND position <= ? ORDER BY position LIMIT ?";
    private static final String DELETE_RANGE = "DELETE FROM message_log WHERE position > ? AND position <= ?";

    private LogTable() {
    }

    static void insertAll(Connection connection, List<Message> messages) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Message message : messages) {
                MessageColumns.bind(insert, 1, message);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    static void insert(Connection connection, Message message) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            MessageColumns.bind(insert, 1, message);
            insert.executeUpdate();
        }
    }

    static Optional<Message> findByClientId(Connection connection, ChatId chat, UserId sender,
                                            ClientMessageId clientId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(FIND_BY_CLIENT_ID)) {
            query.setObject(1, chat.value());
            query.setObject(2, sender.value());
            query.setString(3, clientId.value());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(MessageColumns.read(row, 1)) : Optional.empty();
            }
        }
    }

    /** Up to {@code limit} entries after {@code after} and at most at {@code upTo}, in position order. */
    static List<Message> readAfter(Connection connection, long after, long upTo, int limit) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(READ_AFTER)) {
            query.setLong(1, after);
            query.setLong(2, upTo);
            query.setInt(3, limit);
            List<Message> messages = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    messages.add(MessageColumns.read(rows, 1));
                }
            }
            return messages;
        }
    }

    static long maxPosition(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(MAX_POSITION);
             ResultSet result = query.executeQuery()) {
            result.next();
            return result.getLong(1);
        }
    }

    /** Every recorded consumer (subscription) and its position. */
    static Map<String, Long> consumerPositions(Connection connection) throws SQLException {
        Map<String, Long> positions = new LinkedHashMap<>();
        try (PreparedStatement query = connection.prepareStatement(CONSUMER_POSITIONS);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                positions.put(rows.getString(1), rows.getLong(2));
            }
        }
        return positions;
    }

    /** Records how far the consumer got; never moves it back. */
    static void moveConsumer(Connection connection, String consumer, long position) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(MOVE_CONSUMER)) {
            update.setLong(1, position);
            update.setString(2, consumer);
            update.setLong(3, position);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_CONSUMER)) {
            insert.setString(1, consumer);
            insert.setLong(2, position);
            insert.setString(3, consumer);
            insert.executeUpdate();
        }
    }

    /** How far a page of old entries reaches, and whether older entries may follow it. */
    record OldEntries(long upTo, boolean more) {
    }

    /**
     * Reads one page of entries after {@code after}, in position order and no further than
     * {@code limit}, and tells up to where they were logged before {@code cutoff}. The scan stops at
     * the first younger entry, so a sweep reads little more than what it deletes.
     */
    static OldEntries oldEntries(Connection connection, long after, long limit, Instant cutoff, int page)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(TIMES_AFTER)) {
            query.setLong(1, after);
            query.setLong(2, limit);
            query.setInt(3, page);
            long upTo = after;
            int read = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    read++;
                    if (!rows.getObject(2, OffsetDateTime.class).toInstant().isBefore(cutoff)) {
                        return new OldEntries(upTo, false);
                    }
                    upTo = rows.getLong(1);
                }
            }
            return new OldEntries(upTo, read == page);
        }
    }

    static int deleteRange(Connection connection, long afterPosition, long upToPosition) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_RANGE)) {
            delete.setLong(1, afterPosition);
            delete.setLong(2, upToPosition);
            return delete.executeUpdate();
        }
    }
}
