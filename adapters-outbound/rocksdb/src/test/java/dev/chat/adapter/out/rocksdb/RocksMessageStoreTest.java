package dev.chat.adapter.out.rocksdb;

import dev.chat.application.port.MessageStore;
import dev.chat.application.port.contract.MessageStoreContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** The RocksDB {@link MessageStore} keeps the port's contract on a real RocksDB database. */
class RocksMessageStoreTest extends MessageStoreContract {
    @TempDir
    static Path dataDir;
    private static ApplicationContext context;

    @BeforeAll
    static void open() {
        context = RocksContexts.open(dataDir);
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
