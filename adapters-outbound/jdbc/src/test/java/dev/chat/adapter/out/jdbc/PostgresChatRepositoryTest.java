package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.contract.ChatRepositoryContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;


/** The JDBC {@link ChatRepository} keeps the port's contract on a real PostgreSQL. */
class PostgresChatRepositoryTest extends ChatRepositoryContract {
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
    protected ChatRepository chats() {
        return context.getBean(ChatRepository.class);
    }
}
