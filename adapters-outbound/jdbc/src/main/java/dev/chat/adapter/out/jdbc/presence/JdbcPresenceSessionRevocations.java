package dev.chat.adapter.out.jdbc.presence;

import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.PresenceSessionRevocations;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Revoked presence sessions on {@code presence_revocations}, shared by every node of a cluster. The
 * per-heartbeat check never touches the database: each node reads the whole list (revocations of
 * sessions not yet expired: a short list) every {@code chat.presence.revocations.refresh} (2 s) into
 * an immutable snapshot, so a revocation made on one node holds on every node within that time, and
 * on the node that made it at once.
 */
@Singleton
@Requires(property = "chat.presence.revocations.backend", value = "jdbc")
public final class JdbcPresenceSessionRevocations implements PresenceSessionRevocations, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcPresenceSessionRevocations.class);
    private static final String INSERT = "INSERT INTO presence_revocations (session_high, session_low, user_id, kept_until) "
            + "VALUES (?, ?, ?, ?)";
    private static final String SELECT_LIVE = "SELECT session_high, session_low, user_id FROM presence_revocations "
            + "WHERE kept_until >= ?";
    private static final String DELETE_EXPIRED = "DELETE FROM presence_revocations WHERE kept_until < ?";

    /** The revoked sessions' (low bits, user) by their id's high bits; replaced whole at each refresh. */
    private record Revoked(long idLow, UUID user) {
    }

    private final DataSource dataSource;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private volatile Map<Long, Set<Revoked>> snapshot = Map.of();

    @Inject
    public JdbcPresenceSessionRevocations(DataSource dataSource,
                                          @Value("${chat.presence.revocations.refresh:2s}") Duration refresh) {
        this(dataSource, refresh, Clock.systemUTC());
    }

    public JdbcPresenceSessionRevocations(DataSource dataSource, Duration refresh, Clock clock) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.clock = clock;
        refresh();
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "presence-revocations");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::refreshQuietly, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void revoke(long idHigh, long idLow, UserId user, Instant keptUntil) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                insert.setLong(1, idHigh);
                insert.setLong(2, idLow);
                insert.setObject(3, user.value());
                insert.setTimestamp(4, Timestamp.from(keptUntil));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                // revoked before: once is enough
            }
        } catch (SQLException e) {
            throw StorageFailure.of("revoking a presence session", e);
        }
        refresh();
    }

    @Override
    public boolean isRevoked(long idHigh, long idLow, UserId user) {
        Map<Long, Set<Revoked>> current = snapshot;
        if (current.isEmpty()) {
            return false;
        }
        Set<Revoked> revoked = current.get(idHigh);
        return revoked != null && revoked.contains(new Revoked(idLow, user.value()));
    }

    @Override
    public int forgetExpired(Instant now) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement delete = connection.prepareStatement(DELETE_EXPIRED)) {
                delete.setTimestamp(1, Timestamp.from(now));
                return delete.executeUpdate();
            }
        } catch (SQLException e) {
            throw StorageFailure.of("forgetting expired presence revocations", e);
        } finally {
            refreshQuietly();
        }
    }

    private void refresh() {
        Map<Long, Set<Revoked>> fresh = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT_LIVE)) {
            select.setTimestamp(1, Timestamp.from(clock.instant()));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    fresh.computeIfAbsent(rows.getLong(1), high -> new HashSet<>())
                            .add(new Revoked(rows.getLong(2), rows.getObject(3, UUID.class)));
                }
            }
        } catch (SQLException e) {
            throw StorageFailure.of("reading presence revocations", e);
        }
        fresh.replaceAll((high, set) -> Set.copyOf(set));
        snapshot = Map.copyOf(fresh);
    }

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // the previous snapshot stays in force; the next refresh tries again
            LOG.warn("reading presence revocations failed: {}", e.toString());
        }
    }

    @Override
    @PreDestroy
    public void close() {
        refresher.shutdownNow();
    }
}
