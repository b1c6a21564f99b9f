package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.OffsetStore;
import dev.chat.application.port.contract.OffsetStoreContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** The JDBC {@link OffsetStore} keeps the port's contract on a real PostgreSQL. */
class PostgresOffsetStoreTest extends OffsetStoreContract {
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
    protected OffsetStore offsets() {
        return context.getBean(OffsetStore.class);
    }
}
