package dev.chat.adapter.out.jdbc.push;

import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.ChatMutes;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.user.UserId;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** {@link ChatMutes} on {@code chat_mutes}: a row per muted chat of a user. */
@Singleton
public final class JdbcChatMutes implements ChatMutes {
    private static final String INSERT = "INSERT INTO chat_mutes (user_id, chat_id) VALUES (?, ?)";
    private static final String DELETE = "DELETE FROM chat_mutes WHERE user_id = ? AND chat_id = ?";
    private static final String SELECT = "SELECT 1 FROM chat_mutes WHERE user_id = ? AND chat_id = ?";

    private final DataSource dataSource;

    public JdbcChatMutes(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    @Override
    public void setMuted(UserId user, ChatId chat, boolean muted) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(muted ? INSERT : DELETE)) {
            connection.setAutoCommit(true);
            statement.setObject(1, user.value());
            statement.setObject(2, chat.value());
            statement.executeUpdate();
        } catch (SQLException e) {
            if (muted && SqlErrors.isUniqueViolation(e)) {
                return;
            }
            throw StorageFailure.of(muted ? "muting a chat" : "unmuting a chat", e);
        }
    }

    @Override
    public boolean isMuted(UserId user, ChatId chat) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(SELECT)) {
            select.setObject(1, user.value());
            select.setObject(2, chat.value());
            try (ResultSet row = select.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw StorageFailure.of("reading a chat's mute", e);
        }
    }
}
