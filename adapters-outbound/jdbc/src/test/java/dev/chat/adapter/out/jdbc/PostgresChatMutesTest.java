package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.ChatMutes;
import dev.chat.application.port.contract.ChatMutesContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC {@link ChatMutes} keeps the port's contract on a real PostgreSQL. */
class PostgresChatMutesTest extends ChatMutesContract {
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
    protected ChatMutes mutes() {
        return context.getBean(ChatMutes.class);
    }
}
