package dev.chat.adapter.out.jdbc.route;

import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.NodeId;
import dev.chat.application.port.RouteTable;
import dev.chat.domain.device.Device;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The {@link RouteTable} of the distributed profile, on PostgreSQL ({@code route_leases},
 * {@code device_routes}): every gateway and the fan-out see the same routes, and a route written by
 * one is read by the next lookup anywhere (read-your-writes, which the catch-up argument needs).
 *
 * <p>A route carries the id of the lease it was made under and counts only while that lease is its
 * node's current one and has not run out, so a node that died loses all its routes at once when its
 * lease lapses, with one row per node renewed, not one per device. A renewal that finds the lease
 * lapsed deletes the node's old routes and starts a new lease id. Times come from the given clock:
 * gateways need clocks within a small part of the lease of each other (NTP), as any lease does.
 *
 * <p>The fan-out asks for the routes of a whole batch's recipients in one query
 * ({@link #nodesOf(Collection)}); there is no cache, since a stale route could send a delivery to a
 * node the device has left after its catch-up read the store.
 */
@Singleton
@Requires(property = "chat.routes.backend", value = "jdbc")
public final class PostgresRouteTable implements RouteTable {
    private static final long NO_LEASE = -1;

    private static final String LOCK_ROUTE = "SELECT r.node_id, r.lease_id, l.lease_id AS current_lease, l.lease_until "
            + "FROM device_routes r LEFT JOIN route_leases l ON l.node_id = r.node_id "
            + "WHERE r.user_id = ? AND r.device_id = ? FOR UPDATE OF r";
    private static final String LEASE_OF = "SELECT lease_id FROM route_leases WHERE node_id = ?";
    private static final String INSERT_ROUTE = "INSERT INTO device_routes (user_id, device_id, node_id, lease_id) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (user_id, device_id) DO NOTHING";
    private static final String UPDATE_ROUTE = "UPDATE device_routes SET node_id = ?, lease_id = ? "
            + "WHERE user_id = ? AND device_id = ?";
    private static final String UNREGISTER = "DELETE FROM device_routes WHERE user_id = ? AND device_id = ? AND node_id = ?";
    private static final String NODES_OF = "SELECT DISTINCT r.user_id, r.node_id FROM device_routes r "
            + "JOIN route_leases l ON l.node_id = r.node_id AND l.lease_id = r.lease_id "
            + "WHERE r.user_id = ANY (?) AND l.lease_until > ?";
    private static final String EXTEND = "UPDATE route_leases SET lease_until = ? WHERE node_id = ? AND lease_until > ?";
    private static final String NEW_LEASE = "INSERT INTO route_leases (node_id, lease_id, lease_until) "
            + "VALUES (?, nextval('route_lease_ids'), ?) "
            + "ON CONFLICT (node_id) DO UPDATE SET lease_id = excluded.lease_id, lease_until = excluded.lease_until";
    private static final String DROP_STALE_ROUTES = "DELETE FROM device_routes r WHERE r.node_id = ? AND r.lease_id <> "
            + "(SELECT lease_id FROM route_leases WHERE node_id = ?)";
    private static final String FORGET_ROUTES = "DELETE FROM device_routes WHERE node_id = ?";
    private static final String FORGET_LEASE = "DELETE FROM route_leases WHERE node_id = ?";

    private final DataSource dataSource;
    private final Clock clock;

    @Inject
    public PostgresRouteTable(DataSource dataSource, Clock clock) {
        // outside Micronaut's transaction-bound connection: each call is a transaction of its own
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
    }

    @Override
    public Optional<NodeId> register(Device device, NodeId node) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<NodeId> before = register(connection, device, node);
                connection.commit();
                return before;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StorageFailure.of("registering a route", e);
        }
    }

    private Optional<NodeId> register(Connection connection, Device device, NodeId node) throws SQLException {
        long lease = leaseOf(connection, node);
        // a first route of a device may race another: the loser of the insert locks the winner's row
        for (int attempt = 0; attempt < 3; attempt++) {
            try (PreparedStatement lock = connection.prepareStatement(LOCK_ROUTE)) {
                lock.setObject(1, device.user().value());
                lock.setString(2, device.id().value());
                try (ResultSet row = lock.executeQuery()) {
                    if (row.next()) {
                        NodeId previous = new NodeId(row.getString(1));
                        long previousLease = row.getLong(2);
                        long current = row.getLong(3);
                        boolean hasLease = !row.wasNull();
                        Timestamp until = row.getTimestamp(4);
                        boolean previousLive = hasLease && current == previousLease
                                && until.toInstant().isAfter(clock.instant());
                        try (PreparedStatement update = connection.prepareStatement(UPDATE_ROUTE)) {
                            update.setString(1, node.value());
                            update.setLong(2, lease);
                            update.setObject(3, device.user().value());
                            update.setString(4, device.id().value());
                            update.executeUpdate();
                        }
                        return previousLive && !previous.equals(node) ? Optional.of(previous) : Optional.empty();
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(INSERT_ROUTE)) {
                insert.setObject(1, device.user().value());
                insert.setString(2, device.id().value());
                insert.setString(3, node.value());
                insert.setLong(4, lease);
                if (insert.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
        }
        throw new SQLException("the route of " + device + " kept changing under a concurrent register");
    }

    private static long leaseOf(Connection connection, NodeId node) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LEASE_OF)) {
            select.setString(1, node.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getLong(1) : NO_LEASE;
            }
        }
    }

    @Override
    public void unregister(Device device, NodeId node) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(UNREGISTER)) {
            connection.setAutoCommit(true);
            delete.setObject(1, device.user().value());
            delete.setString(2, device.id().value());
            delete.setString(3, node.value());
            delete.executeUpdate();
        } catch (SQLException e) {
            throw StorageFailure.of("removing a route", e);
        }
    }

    @Override
    public Set<NodeId> nodesOf(UserId user) {
        return nodesOf(List.of(user)).getOrDefault(user, Set.of());
    }

    @Override
    public Map<UserId, Set<NodeId>> nodesOf(Collection<UserId> users) {
        Map<UserId, Set<NodeId>> result = new HashMap<>();
        if (users.isEmpty()) {
            return result;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(NODES_OF)) {
            connection.setAutoCommit(true);
            select.setArray(1, connection.createArrayOf("uuid", users.stream().map(UserId::value).toArray(UUID[]::new)));
            select.setTimestamp(2, Timestamp.from(clock.instant()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    result.computeIfAbsent(new UserId(rows.getObject(1, UUID.class)), u -> new HashSet<>(2))
                            .add(new NodeId(rows.getString(2)));
                }
            }
        } catch (SQLException e) {
            throw StorageFailure.of("reading routes", e);
        }
        return result;
    }

    @Override
    public boolean renew(NodeId node, Duration lease) {
        Timestamp now = Timestamp.from(clock.instant());
        Timestamp until = Timestamp.from(clock.instant().plus(lease));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                try (PreparedStatement extend = connection.prepareStatement(EXTEND)) {
                    extend.setTimestamp(1, until);
                    extend.setString(2, node.value());
                    extend.setTimestamp(3, now);
                    if (extend.executeUpdate() == 1) {
                        connection.commit();
                        return true;
                    }
                }
                try (PreparedStatement fresh = connection.prepareStatement(NEW_LEASE)) {
                    fresh.setString(1, node.value());
                    fresh.setTimestamp(2, until);
                    fresh.executeUpdate();
                }
                try (PreparedStatement drop = connection.prepareStatement(DROP_STALE_ROUTES)) {
                    drop.setString(1, node.value());
                    drop.setString(2, node.value());
                    drop.executeUpdate();
                }
                connection.commit();
                return false;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StorageFailure.of("renewing a node's lease", e);
        }
    }

    @Override
    public void forget(NodeId node) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement routes = connection.prepareStatement(FORGET_ROUTES);
                 PreparedStatement lease = connection.prepareStatement(FORGET_LEASE)) {
                routes.setString(1, node.value());
                routes.executeUpdate();
                lease.setString(1, node.value());
                lease.executeUpdate();
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw StorageFailure.of("forgetting a node", e);
        }
    }
}
