package dev.chat.adapter.out.kafka.channel;

import dev.chat.application.port.NodeId;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Which partition of the deliveries topic each live gateway node reads: one slot per node, held in
 * PostgreSQL's {@code gateway_inboxes} under a lease its channel renews. A slot whose lease ran out
 * (its node died) is free for the next node that opens; a late record for the dead node is passed
 * over by the new one, which reads only records addressed to itself.
 */
final class InboxSlots {
    private static final String CLAIM = """
            INSERT INTO gateway_inboxes (slot, node_id, lease_until)
            SELECT s, ?, ? FROM generate_series(0, ? - 1) AS s
            WHERE NOT EXISTS (SELECT 1 FROM gateway_inboxes g WHERE g.slot = s AND g.lease_until > ?)
            ORDER BY s LIMIT 1
            ON CONFLICT (slot) DO UPDATE SET node_id = excluded.node_id, lease_until = excluded.lease_until
              WHERE gateway_inboxes.lease_until <= ?
            RETURNING slot""";
    private static final String RENEW = "UPDATE gateway_inboxes SET lease_until = ? WHERE slot = ? AND node_id = ? "
            + "AND lease_until > ?";
    private static final String RELEASE = "DELETE FROM gateway_inboxes WHERE slot = ? AND node_id = ?";
    private static final String SLOT_OF = "SELECT slot FROM gateway_inboxes WHERE node_id = ? AND lease_until > ?";

    private final DataSource dataSource;
    private final int slots;
    private final Clock clock;

    InboxSlots(DataSource dataSource, int slots, Clock clock) {
        this.dataSource = dataSource;
        this.slots = slots;
        this.clock = clock;
    }

    /** Takes a free slot for the node, the lowest one; empty when every slot is held by a live node. */
    OptionalInt claim(NodeId node, Duration lease) throws SQLException {
        // two nodes may pick the same free slot at once: the loser's conditional update changes nothing
        for (int attempt = 0; attempt < slots; attempt++) {
            Timestamp now = Timestamp.from(clock.instant());
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement claim = connection.prepareStatement(CLAIM)) {
                connection.setAutoCommit(true);
                claim.setString(1, node.value());
                claim.setTimestamp(2, Timestamp.from(clock.instant().plus(lease)));
                claim.setInt(3, slots);
                claim.setTimestamp(4, now);
                claim.setTimestamp(5, now);
                try (ResultSet row = claim.executeQuery()) {
                    if (row.next()) {
                        return OptionalInt.of(row.getInt(1));
                    }
                }
                if (!anyFree(connection, now)) {
                    return OptionalInt.empty();
                }
            }
        }
        return OptionalInt.empty();
    }

    private boolean anyFree(Connection connection, Timestamp now) throws SQLException {
        try (PreparedStatement count = connection.prepareStatement(
                "SELECT count(*) FROM gateway_inboxes WHERE lease_until > ?")) {
            count.setTimestamp(1, now);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getInt(1) < slots;
            }
        }
    }

    /** Extends the node's hold on its slot; false when the lease had run out (the slot may be another node's now). */
    boolean renew(NodeId node, int slot, Duration lease) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement renew = connection.prepareStatement(RENEW)) {
            connection.setAutoCommit(true);
            renew.setTimestamp(1, Timestamp.from(clock.instant().plus(lease)));
            renew.setInt(2, slot);
            renew.setString(3, node.value());
            renew.setTimestamp(4, Timestamp.from(clock.instant()));
            return renew.executeUpdate() == 1;
        }
    }

    void release(NodeId node, int slot) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement release = connection.prepareStatement(RELEASE)) {
            connection.setAutoCommit(true);
            release.setInt(1, slot);
            release.setString(2, node.value());
            release.executeUpdate();
        }
    }

    /** The slot a live node reads; empty when the node has none (never opened, closed, or lapsed). */
    Optional<Integer> slotOf(NodeId node) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SLOT_OF)) {
            connection.setAutoCommit(true);
            select.setString(1, node.value());
            select.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(row.getInt(1)) : Optional.empty();
            }
        }
    }
}
