package dev.chat.adapter.out.jdbc.chat;

import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Writes {@code chat_memberships}, the row per chat that change data capture reads: the chat's
 * whole membership at its version, in the transaction that changes the chat, so that a captured row
 * is never half a change. On PostgreSQL the transaction commits synchronously: capture reads the
 * write-ahead log only once it is flushed, and an asynchronous commit would add up to the WAL
 * writer's delay to every membership change reaching the join.
 */
final class MembershipProjection {
    private static final String INSERT = "INSERT INTO chat_memberships (chat_id, version, members) VALUES (?, ?, ?)";
    private static final String UPDATE = "UPDATE chat_memberships SET version = ?, members = ? WHERE chat_id = ?";

    private MembershipProjection() {
    }

    /** The members column: {@code <user uuid>:<A|M>:<since position>} per member, ',' between, by user id. */
    static String encode(Chat chat) {
        return chat.members().stream()
                .sorted(Comparator.comparing(m -> m.userId().value().toString()))
                .map(MembershipProjection::encode)
                .collect(Collectors.joining(","));
    }

    private static String encode(Membership member) {
        return member.userId().value() + ":" + (member.role() == Role.ADMIN ? 'A' : 'M') + ":" + member.since().value();
    }

    static void insert(Connection connection, Chat chat, long version) throws SQLException {
        commitSynchronously(connection);
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            insert.setObject(1, chat.id().value());
            insert.setLong(2, version);
            insert.setString(3, encode(chat));
            insert.executeUpdate();
        }
    }

    /** Replaces the row of a chat stored before; inserts it for a chat stored before the table existed. */
    static void update(Connection connection, Chat chat, long version) throws SQLException {
        commitSynchronously(connection);
        int updated;
        try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
            update.setLong(1, version);
            update.setString(2, encode(chat));
            update.setObject(3, chat.id().value());
            updated = update.executeUpdate();
        }
        if (updated == 0) {
            insert(connection, chat, version);
        }
    }

    private static void commitSynchronously(Connection connection) throws SQLException {
        if (connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL")) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET LOCAL synchronous_commit = on");
            }
        }
    }
}
