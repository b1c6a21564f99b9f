package dev.chat.adapter.out.jdbc.push;

import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.PushSubscriptions;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.push.PushSubscription;
import dev.chat.domain.push.PushTarget;
import dev.chat.domain.user.UserId;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/** {@link PushSubscriptions} on {@code push_subscriptions} (H2 embedded, PostgreSQL distributed); plain JDBC. */
@Singleton
public final class JdbcPushSubscriptions implements PushSubscriptions {
    private static final String WEB_PUSH = "web-push";
    private static final String WEBHOOK = "webhook";
    private static final String UPDATE = "UPDATE push_subscriptions SET kind = ?, address = ?, p256dh = ?, auth = ?, "
            + "registered_at = ? WHERE user_id = ? AND device_id = ?";
    private static final String INSERT = "INSERT INTO push_subscriptions (kind, address, p256dh, auth, registered_at, "
            + "user_id, device_id) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String OF_USER = "SELECT device_id, kind, address, p256dh, auth, registered_at "
            + "FROM push_subscriptions WHERE user_id = ?";
    private static final String DELETE = "DELETE FROM push_subscriptions WHERE user_id = ? AND device_id = ?";
    private static final String DELETE_ADDRESS = "DELETE FROM push_subscriptions WHERE address = ?";

    private final DataSource dataSource;

    public JdbcPushSubscriptions(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public void save(PushSubscription subscription) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            if (write(connection, UPDATE, subscription) > 0) {
                return;
            }
            try {
                write(connection, INSERT, subscription);
            } catch (SQLException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw e;
                }
                // the same device registered at the same moment elsewhere: the later write wins
                write(connection, UPDATE, subscription);
            }
        } catch (SQLException e) {
            throw StorageFailure.of("saving a push subscription", e);
        }
    }

    private static int write(Connection connection, String sql, PushSubscription subscription) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            PushTarget target = subscription.target();
            statement.setString(1, target instanceof PushTarget.WebPush ? WEB_PUSH : WEBHOOK);
            statement.setString(2, target.address().toString());
            statement.setString(3, target instanceof PushTarget.WebPush web ? web.p256dh() : null);
            statement.setString(4, target instanceof PushTarget.WebPush web ? web.auth() : null);
            statement.setTimestamp(5, Timestamp.from(subscription.registeredAt()));
            statement.setObject(6, subscription.device().user().value());
            statement.setString(7, subscription.device().id().value());
            return statement.executeUpdate();
        }
    }

    @Override
    public List<PushSubscription> ofUser(UserId user) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(OF_USER)) {
            select.setObject(1, user.value());
            List<PushSubscription> found = new ArrayList<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    URI address = URI.create(row.getString(3));
                    PushTarget target = WEB_PUSH.equals(row.getString(2))
                            ? new PushTarget.WebPush(address, row.getString(4), row.getString(5))
                            : new PushTarget.Webhook(address);
                    found.add(new PushSubscription(new Device(user, new DeviceId(row.getString(1))), target,
                            row.getTimestamp(6).toInstant()));
                }
            }
            return found;
        } catch (SQLException e) {
            throw StorageFailure.of("reading push subscriptions", e);
        }
    }

    @Override
    public boolean remove(Device device) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE)) {
            connection.setAutoCommit(true);
            delete.setObject(1, device.user().value());
            delete.setString(2, device.id().value());
            return delete.executeUpdate() > 0;
        } catch (SQLException e) {
            throw StorageFailure.of("removing a push subscription", e);
        }
    }

    @Override
    public int removeByAddress(URI address) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement(DELETE_ADDRESS)) {
            connection.setAutoCommit(true);
            delete.setString(1, address.toString());
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw StorageFailure.of("removing a gone push target", e);
        }
    }

}
