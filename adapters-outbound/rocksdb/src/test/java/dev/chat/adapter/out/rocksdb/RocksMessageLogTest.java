package dev.chat.adapter.out.rocksdb;

import dev.chat.application.port.MessageLog;
import dev.chat.application.port.contract.MessageLogContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The RocksDB {@link MessageLog} keeps the port's contract on a real RocksDB database, restarts included. */
class RocksMessageLogTest extends MessageLogContract {
    @TempDir
    Path root;
    private final List<ApplicationContext> contexts = new ArrayList<>();
    private final Map<MessageLog, Path> folders = new IdentityHashMap<>();
    private final Map<MessageLog, ApplicationContext> owners = new IdentityHashMap<>();

    @Override
    protected MessageLog newLog() {
        try {
            return open(Files.createTempDirectory(root, "log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected MessageLog restart(MessageLog log) {
        owners.remove(log).close();
        return open(folders.get(log));
    }

    private MessageLog open(Path folder) {
        ApplicationContext context = RocksContexts.open(folder);
        contexts.add(context);
        MessageLog log = context.getBean(MessageLog.class);
        folders.put(log, folder);
        owners.put(log, context);
        return log;
    }

    @AfterEach
    void closeAll() {
        contexts.stream().filter(ApplicationContext::isRunning).forEach(ApplicationContext::close);
    }
}
