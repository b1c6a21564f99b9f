package dev.chat.adapter.out.kafka.capture;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the capture leaves in PostgreSQL besides data: its replication slot, which keeps every
 * write-ahead log segment the capture has not confirmed (a slot nobody reads fills the disk), and
 * its publication. The capture creates both on first start; {@link #drop} removes them, after which
 * the next start takes a new snapshot.
 */
public final class ReplicationSetup {
    private ReplicationSetup() {
    }

    /** Drops the slot (if no capture reads it now) and the publication; a missing one is no error. */
    public static void drop(String jdbcUrl, String user, String password, String slot, String publication)
            throws SQLException {
        if (!publication.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("not a publication name: " + publication);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password)) {
            try (PreparedStatement drop = connection.prepareStatement("SELECT pg_drop_replication_slot(slot_name) "
                    + "FROM pg_replication_slots WHERE slot_name = ? AND NOT active")) {
                drop.setString(1, slot);
                drop.execute();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("DROP PUBLICATION IF EXISTS " + publication);
            }
        }
    }

    /** Whether the slot exists. */
    public static boolean slotExists(String jdbcUrl, String user, String password, String slot) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_replication_slots WHERE slot_name = ?")) {
            query.setString(1, slot);
            return query.executeQuery().next();
        }
    }
}
