package dev.chat.adapter.out.jdbc.privacy;

import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.PrivacySettings;
import dev.chat.domain.user.UserId;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PrivacySettings} on {@code privacy_settings}, cached in this node for
 * {@code chat.privacy.cache-ttl} (5 s): every presence answer and announcement reads it. A change
 * made on this node is in its cache at once; a change made on another node of a cluster (the API
 * node, while a gateway decides) holds here within the time to live.
 */
@Singleton
public final class JdbcPrivacySettings implements PrivacySettings {
    private static final String SELECT = "SELECT hides_last_seen FROM privacy_settings WHERE user_id = ?";
    private static final String UPDATE = "UPDATE privacy_settings SET hides_last_seen = ? WHERE user_id = ?";
    private static final String INSERT = "INSERT INTO privacy_settings (user_id, hides_last_seen) VALUES (?, ?)";

    private record Cached(boolean hidden, long readAtNanos) {
    }

    private final DataSource dataSource;
    private final long ttlNanos;
    private final ConcurrentHashMap<UserId, Cached> cache = new ConcurrentHashMap<>();

    public JdbcPrivacySettings(DataSource dataSource) {
        this(dataSource, Duration.ofSeconds(5));
    }

    @Inject
    public JdbcPrivacySettings(DataSource dataSource, @Value("${chat.privacy.cache-ttl:5s}") Duration ttl) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.ttlNanos = ttl.toNanos();
    }

    @Override
    public boolean hidesLastSeen(UserId user) {
        Cached cached = cache.get(user);
        if (cached != null && System.nanoTime() - cached.readAtNanos() < ttlNanos) {
            return cached.hidden();
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, user.value());
            try (ResultSet row = select.executeQuery()) {
                boolean hidden = row.next() && row.getBoolean(1);
                cache.put(user, new Cached(hidden, System.nanoTime()));
                return hidden;
            }
        } catch (SQLException e) {
            throw StorageFailure.of("reading privacy settings", e);
        }
    }

    @Override
    public void setHidesLastSeen(UserId user, boolean hidden) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement update = connection.prepareStatement(UPDATE)) {
                update.setBoolean(1, hidden);
                update.setObject(2, user.value());
                if (update.executeUpdate() == 0) {
                    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
                        insert.setObject(1, user.value());
                        insert.setBoolean(2, hidden);
                        insert.executeUpdate();
                    }
                }
            }
            cache.put(user, new Cached(hidden, System.nanoTime()));
        } catch (SQLException e) {
            throw StorageFailure.of("saving privacy settings", e);
        }
    }
}
