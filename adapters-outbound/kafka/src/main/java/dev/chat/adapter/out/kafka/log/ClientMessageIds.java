package dev.chat.adapter.out.kafka.log;

import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.user.UserId;

import javax.sql.DataSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The cluster-wide idempotency of the Kafka log, on PostgreSQL's {@code log_client_messages}: one
 * row per (chat, sender, client message id), whichever gateway the message was sent to.
 *
 * <p>An append first <b>reserves</b> the key with the entry (a conditional insert: the first
 * reservation wins), then writes the record to Kafka, then <b>claims</b> the record's position for
 * the key (a conditional update: only while no position is set). Every reader claims too, before it
 * hands a record on, and drops a record whose position is not the key's. So whatever dies when, the
 * key ends up with exactly one position, that of a record in the log, and every reader and every
 * acknowledgement agree on it:
 * <ul>
 *   <li>dies before the record is written: the key is reserved with no record; a resend (to any
 *       gateway) finds the reservation, writes the reserved entry and claims it;</li>
 *   <li>dies after the record is written, before the claim: the first reader claims that record;
 *       a resend writes a second record, whose claim fails, and answers with the first position; a
 *       reader drops the second record;</li>
 *   <li>dies after the claim, before the acknowledgement: a resend finds the position and answers
 *       with it.</li>
 * </ul>
 */
final class ClientMessageIds {
    /** What identifies a message for its sender. */
    record Key(ChatId chat, UserId sender, ClientMessageId clientId) {
        /**
         * The order in which every statement takes the keys' row locks: an appender and a reader claiming
         * overlapping keys at once would otherwise deadlock (seen under concurrent appends).
         */
        static final Comparator<Key> LOCK_ORDER = Comparator.<Key, UUID>comparing(k -> k.chat().value())
                .thenComparing(k -> k.sender().value()).thenComparing(k -> k.clientId().value());

        static Key of(Entry entry) {
            return new Key(entry.chatId(), entry.sender(), entry.clientMessageId());
        }
    }

    /** A key as it was found: reserved now by this call, or before (with the entry first sent, and its position once claimed). */
    sealed interface Reservation {
        record Fresh() implements Reservation {
        }

        record Existing(Entry first, Long position) implements Reservation {
        }
    }

    /** A record of the log, offered as the one that counts for its key. */
    record Claim(Entry entry, long position) {
    }

    private static final Reservation FRESH = new Reservation.Fresh();

    private static final String RESERVE = """
            INSERT INTO log_client_messages (chat_id, sender_id, client_message_id, entry, position, reserved_at)
            SELECT v.chat_id, v.sender_id, v.client_message_id, v.entry, NULL, ?
            FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::bytea[]) AS v(chat_id, sender_id, client_message_id, entry)
            ON CONFLICT (chat_id, sender_id, client_message_id) DO NOTHING
            RETURNING chat_id, sender_id, client_message_id""";

    private static final String FIND = """
            SELECT t.chat_id, t.sender_id, t.client_message_id, t.entry, t.position
            FROM log_client_messages t
            JOIN unnest(?::uuid[], ?::uuid[], ?::varchar[]) AS v(chat_id, sender_id, client_message_id)
              ON t.chat_id = v.chat_id AND t.sender_id = v.sender_id AND t.client_message_id = v.client_message_id""";

    /*
     * One statement: claims the keys that have no position yet (or no row: swept by retention while
     * the record was still in Kafka), then answers every key's position. The outer select sees the
     * table as it was before the insert, hence the coalesce with what the insert returned.
     */
    private static final String CLAIM = """
            WITH v AS (
              SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::bytea[], ?::bigint[])
                AS v(chat_id, sender_id, client_message_id, entry, position)
            ), claimed AS (
              INSERT INTO log_client_messages AS t (chat_id, sender_id, client_message_id, entry, position, reserved_at)
              SELECT v.chat_id, v.sender_id, v.client_message_id, v.entry, v.position, ? FROM v
              ON CONFLICT (chat_id, sender_id, client_message_id)
                DO UPDATE SET position = excluded.position WHERE t.position IS NULL
              RETURNING t.chat_id, t.sender_id, t.client_message_id, t.position
            )
            SELECT v.chat_id, v.sender_id, v.client_message_id, COALESCE(c.position, t.position)
            FROM v
            LEFT JOIN claimed c
              ON c.chat_id = v.chat_id AND c.sender_id = v.sender_id AND c.client_message_id = v.client_message_id
            LEFT JOIN log_client_messages t
              ON t.chat_id = v.chat_id AND t.sender_id = v.sender_id AND t.client_message_id = v.client_message_id""";

    private static final String SWEEP = "DELETE FROM log_client_messages WHERE reserved_at < ?";

    private final DataSource dataSource;

    ClientMessageIds(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Reserves each entry's key; entries must have distinct keys. */
    Map<Key, Reservation> reserve(List<Entry> entries, Instant now) throws SQLException {
        Map<Key, Reservation> result = new HashMap<>(entries.size() * 2);
        if (entries.isEmpty()) {
            return result;
        }
        entries = entries.stream().sorted(Comparator.comparing(Key::of, Key.LOCK_ORDER)).toList();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            Set<Key> fresh = new HashSet<>();
            try (PreparedStatement insert = connection.prepareStatement(RESERVE)) {
                insert.setTimestamp(1, Timestamp.from(now));
                setKeys(connection, insert, 2, keysOf(entries));
                insert.setArray(5, connection.createArrayOf("bytea",
                        entries.stream().map(LogRecords::value).toArray(byte[][]::new)));
                try (ResultSet rows = insert.executeQuery()) {
                    while (rows.next()) {
                        fresh.add(key(rows));
                    }
                }
            }
            List<Key> taken = entries.stream().map(Key::of).filter(k -> !fresh.contains(k)).toList();
            fresh.forEach(k -> result.put(k, FRESH));
            if (!taken.isEmpty()) {
                result.putAll(find(connection, taken));
                for (Key key : taken) {
                    if (!result.containsKey(key)) {
                        // swept between the insert and the select: the resend is a message of its own again
                        throw new SQLException("the reservation of " + key + " vanished; send again");
                    }
                }
            }
        }
        return result;
    }

    /** Offers each record as the one of its key and answers the position that counts for every key; claims must have distinct keys. */
    Map<Key, Long> claim(Collection<Claim> claims, Instant now) throws SQLException {
        Map<Key, Long> result = new HashMap<>(claims.size() * 2);
        if (claims.isEmpty()) {
            return result;
        }
        List<Entry> entries = claims.stream().map(Claim::entry)
                .sorted(Comparator.comparing(Key::of, Key.LOCK_ORDER)).toList();
        Map<Key, Long> offered = new HashMap<>(claims.size() * 2);
        claims.forEach(c -> offered.put(Key.of(c.entry()), c.position()));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(CLAIM)) {
                setKeys(connection, statement, 1, keysOf(entries));
                statement.setArray(4, connection.createArrayOf("bytea",
                        entries.stream().map(LogRecords::value).toArray(byte[][]::new)));
                statement.setArray(5, connection.createArrayOf("bigint",
                        entries.stream().map(e -> offered.get(Key.of(e))).toArray(Long[]::new)));
                statement.setTimestamp(6, Timestamp.from(now));
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        long position = rows.getLong(4);
                        if (!rows.wasNull()) {
                            result.put(key(rows), position);
                        }
                    }
                }
            }
            List<Key> unseen = keysOf(entries).stream().filter(k -> !result.containsKey(k)).toList();
            if (!unseen.isEmpty()) {
                // claimed by a reader that committed after this statement's snapshot: read it in a new one
                find(connection, unseen).forEach((key, existing) -> {
                    if (existing.position() != null) {
                        result.put(key, existing.position());
                    }
                });
                for (Key key : unseen) {
                    if (!result.containsKey(key)) {
                        throw new SQLException("no position could be claimed for " + key);
                    }
                }
            }
        }
        return result;
    }

    private static Map<Key, Reservation.Existing> find(Connection connection, List<Key> keys) throws SQLException {
        Map<Key, Reservation.Existing> found = new HashMap<>(keys.size() * 2);
        try (PreparedStatement find = connection.prepareStatement(FIND)) {
            setKeys(connection, find, 1, keys);
            try (ResultSet rows = find.executeQuery()) {
                while (rows.next()) {
                    long value = rows.getLong(5);
                    Long position = rows.wasNull() ? null : value;
                    found.put(key(rows), new Reservation.Existing(LogRecords.entryOf(rows.getBytes(4)), position));
                }
            }
        }
        return found;
    }

    /** Forgets the keys reserved before {@code before}: a resend after that is a new message. */
    int sweep(Instant before) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(SWEEP)) {
            connection.setAutoCommit(true);
            delete.setTimestamp(1, Timestamp.from(before));
            return delete.executeUpdate();
        }
    }

    private static List<Key> keysOf(List<Entry> entries) {
        return entries.stream().map(Key::of).toList();
    }

    private static void setKeys(Connection connection, PreparedStatement statement, int first, List<Key> keys)
            throws SQLException {
        Array chats = connection.createArrayOf("uuid", keys.stream().map(k -> k.chat().value()).toArray(UUID[]::new));
        Array senders = connection.createArrayOf("uuid",
                keys.stream().map(k -> k.sender().value()).toArray(UUID[]::new));
        Array clientIds = connection.createArrayOf("varchar",
                keys.stream().map(k -> k.clientId().value()).toArray(String[]::new));
        statement.setArray(first, chats);
        statement.setArray(first + 1, senders);
        statement.setArray(first + 2, clientIds);
    }

    private static Key key(ResultSet row) throws SQLException {
        return new Key(new ChatId(row.getObject(1, UUID.class)), new UserId(row.getObject(2, UUID.class)),
                new ClientMessageId(row.getString(3)));
    }
}
