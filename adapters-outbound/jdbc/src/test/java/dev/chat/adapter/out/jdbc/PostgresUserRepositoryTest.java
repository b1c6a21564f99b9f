package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.UserRepository;
import dev.chat.application.port.contract.UserRepositoryContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** The JDBC {@link UserRepository} keeps the port's contract on a real PostgreSQL. */
class PostgresUserRepositoryTest extends UserRepositoryContract {
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
    protected UserRepository users() {
        return context.getBean(UserRepository.class);
    }
}
