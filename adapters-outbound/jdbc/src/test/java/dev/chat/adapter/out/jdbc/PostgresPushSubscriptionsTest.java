package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.PushSubscriptions;
import dev.chat.application.port.contract.PushSubscriptionsContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC {@link PushSubscriptions} keeps the port's contract on a real PostgreSQL. */
class PostgresPushSubscriptionsTest extends PushSubscriptionsContract {
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
    protected PushSubscriptions subscriptions() {
        return context.getBean(PushSubscriptions.class);
    }
}
