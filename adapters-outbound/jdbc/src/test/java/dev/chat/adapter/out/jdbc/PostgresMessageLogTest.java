package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.MessageLog;
import dev.chat.application.port.contract.MessageLogContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterEach;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The JDBC {@link MessageLog} keeps the port's contract on a real PostgreSQL, restarts included. */
class PostgresMessageLogTest extends MessageLogContract {
    private final List<ApplicationContext> contexts = new ArrayList<>();
    private final Map<MessageLog, String> schemas = new IdentityHashMap<>();
    private final Map<MessageLog, ApplicationContext> owners = new IdentityHashMap<>();

    @Override
    protected MessageLog newLog() {
        return open("log" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
    }

    @Override
    protected MessageLog restart(MessageLog log) {
        owners.remove(log).close();
        return open(schemas.get(log));
    }

    private MessageLog open(String schema) {
        ApplicationContext context = PostgresStore.open(schema);
        contexts.add(context);
        MessageLog log = context.getBean(MessageLog.class);
        schemas.put(log, schema);
        owners.put(log, context);
        return log;
    }

    @AfterEach
    void closeAll() {
        contexts.stream().filter(ApplicationContext::isRunning).forEach(ApplicationContext::close);
    }
}
