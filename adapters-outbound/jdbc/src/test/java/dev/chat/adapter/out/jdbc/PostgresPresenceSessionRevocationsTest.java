package dev.chat.adapter.out.jdbc;

import dev.chat.adapter.out.jdbc.presence.JdbcPresenceSessionRevocations;
import dev.chat.application.port.PresenceSessionRevocations;
import dev.chat.application.port.contract.PresenceSessionRevocationsContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import javax.sql.DataSource;
import java.time.Duration;

/** Revocations on a real PostgreSQL, seen by a second instance (another node) through its refresh. */
class PostgresPresenceSessionRevocationsTest extends PresenceSessionRevocationsContract {
    private static ApplicationContext context;
    private static JdbcPresenceSessionRevocations node1;
    private static JdbcPresenceSessionRevocations node2;

    @BeforeAll
    static void open() {
        context = PostgresStore.open();
        DataSource dataSource = context.getBean(DataSource.class);
        node1 = new JdbcPresenceSessionRevocations(dataSource, Duration.ofMillis(50));
        node2 = new JdbcPresenceSessionRevocations(dataSource, Duration.ofMillis(50));
    }

    @AfterAll
    static void close() {
        node1.close();
        node2.close();
        context.close();
    }

    @Override
    protected PresenceSessionRevocations revocations() {
        return node1;
    }

    @Override
    protected PresenceSessionRevocations onAnotherNode() {
        return node2;
    }
}
