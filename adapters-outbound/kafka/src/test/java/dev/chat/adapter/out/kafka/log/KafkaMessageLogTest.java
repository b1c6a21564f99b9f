package dev.chat.adapter.out.kafka.log;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.contract.MessageLogContract;
import org.junit.jupiter.api.AfterEach;

import javax.sql.DataSource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/** The Kafka {@link MessageLog} keeps the port's contract on a real broker and PostgreSQL, restarts included. */
class KafkaMessageLogTest extends MessageLogContract {
    private final List<KafkaMessageLog> logs = new ArrayList<>();
    private final Map<MessageLog, KafkaLogSettings> settingsOf = new IdentityHashMap<>();
    private final Map<MessageLog, DataSource> dataSourceOf = new IdentityHashMap<>();

    @Override
    protected MessageLog newLog() {
        KafkaLogSettings settings = KafkaLogSettings.local(Engines.kafka(), Engines.unique("log-"),
                Engines.unique("chat-"));
        return open(settings, Engines.postgres(Engines.unique("kafkalog")));
    }

    @Override
    protected MessageLog restart(MessageLog log) {
        ((KafkaMessageLog) log).close();
        return open(settingsOf.get(log), dataSourceOf.get(log));
    }

    private MessageLog open(KafkaLogSettings settings, DataSource dataSource) {
        KafkaMessageLog log = new KafkaMessageLog(settings, dataSource, Clock.systemUTC());
        logs.add(log);
        settingsOf.put(log, settings);
        dataSourceOf.put(log, dataSource);
        return log;
    }

    @AfterEach
    void closeAll() {
        logs.forEach(KafkaMessageLog::close);
    }
}
