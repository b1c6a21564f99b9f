package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.MessageStore;
import dev.chat.application.port.contract.MessageStoreContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** The JDBC {@link MessageStore} keeps the port's contract on a real PostgreSQL. */
class PostgresMessageStoreTest extends MessageStoreContract {
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
    protected MessageStore store() {
        return context.getBean(MessageStore.class);
    }
}
