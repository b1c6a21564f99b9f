package dev.chat.adapter.out.jdbc;

import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import java.util.UUID;
import static org.assertj.core.api.Assertions.assertThat;
import dev.chat.application.port.contract.Eventually;

import dev.chat.adapter.out.jdbc.privacy.JdbcPrivacySettings;
import dev.chat.application.port.PrivacySettings;
import dev.chat.application.port.contract.PrivacySettingsContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;

/** The JDBC {@link PrivacySettings} keeps the port's contract on a real PostgreSQL, also past its cache. */
class PostgresPrivacySettingsTest extends PrivacySettingsContract {
    private static ApplicationContext context;

    @BeforeAll
    static void open() {
        context = PostgresStore.open();
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Override
    protected PrivacySettings settings() {
        return context.getBean(PrivacySettings.class);
    }

    @Override
    protected PrivacySettings reopened() {
        // a fresh instance has an empty cache: it must read what was stored
        return new JdbcPrivacySettings(context.getBean(DataSource.class));
    }

    @Test
    void aChangeMadeOnAnotherNodeHoldsHereWithinTheCacheTimeToLive() {
        DataSource dataSource = context.getBean(DataSource.class);
        JdbcPrivacySettings here = new JdbcPrivacySettings(dataSource, Duration.ofMillis(200));
        JdbcPrivacySettings there = new JdbcPrivacySettings(dataSource, Duration.ofMillis(200));
        UserId user = new UserId(UUID.randomUUID());
        assertThat(here.hidesLastSeen(user)).isFalse();
        there.setHidesLastSeen(user, true);
        Eventually.await("the other node's change holds here", Duration.ofSeconds(5), () -> here.hidesLastSeen(user));
    }
}
