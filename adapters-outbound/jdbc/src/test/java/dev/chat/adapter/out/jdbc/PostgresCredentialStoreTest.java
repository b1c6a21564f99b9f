package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.CredentialStore;
import dev.chat.application.port.contract.CredentialStoreContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** The JDBC {@link CredentialStore} keeps the port's contract on a real PostgreSQL. */
class PostgresCredentialStoreTest extends CredentialStoreContract {
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
    protected CredentialStore credentials() {
        return context.getBean(CredentialStore.class);
    }
}
