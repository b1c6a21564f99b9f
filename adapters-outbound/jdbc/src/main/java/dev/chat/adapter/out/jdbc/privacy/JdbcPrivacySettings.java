package dev.chat.adapter.out.jdbc.privacy;

import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.PrivacySettings;
import dev.chat.domain.user.UserId;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link PrivacySettings} on {@code privacy_settings}, cached in this node: every presence answer
 * reads it, and only the user themself changes it (through this node's API, on the embedded default).
 */
@Singleton
public final class JdbcPrivacySettings implements PrivacySettings {
    private static final String SELECT = "SELECT hides_last_seen FROM privacy_settings WHERE user_id = ?";
    private static final String UPDATE = "UPDATE privacy_settings SET hides_last_seen = ? WHERE user_id = ?";
    private static final String INSERT = "INSERT INTO privacy_settings (user_id, hides_last_seen) VALUES (?, ?)";

    private final DataSource dataSource;
    private final ConcurrentHashMap<UserId, Boolean> cache = new ConcurrentHashMap<>();

    public JdbcPrivacySettings(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public boolean hidesLastSeen(UserId user) {
        Boolean cached = cache.get(user);
        if (cached != null) {
            return cached;
        }
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, user.value());
            try (ResultSet row = select.executeQuery()) {
                boolean hidden = row.next() && row.getBoolean(1);
                cache.put(user, hidden);
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
            cache.put(user, hidden);
        } catch (SQLException e) {
            throw StorageFailure.of("saving privacy settings", e);
        }
    }
}
