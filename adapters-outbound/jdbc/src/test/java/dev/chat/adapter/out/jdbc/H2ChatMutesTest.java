package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.ChatMutes;
import dev.chat.application.port.contract.ChatMutesContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The JDBC {@link ChatMutes} keeps the port's contract on a real H2 database. */
class H2ChatMutesTest extends ChatMutesContract {
    @TempDir
    static Path dataDir;
    private static ApplicationContext context;

    @BeforeAll
    static void open() {
        context = H2Store.open(dataDir);
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
