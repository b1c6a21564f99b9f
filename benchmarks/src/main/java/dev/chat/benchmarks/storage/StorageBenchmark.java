package dev.chat.benchmarks.storage;

import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.context.ApplicationContext;
import org.HdrHistogram.Histogram;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes and reads back messages through a storage adapter, as the server does: the JDBC adapter
 * (on the PostgreSQL given by --postgres) or the Cassandra adapter (--cassandra). Reports writes
 * per second (batches of 100, as the log's consumer stores them) and the latency of history pages
 * of 50 read at random positions of a 1,000-message chat.
 */
@Command(name = "storage", mixinStandardHelpOptions = true)
public final class StorageBenchmark implements Callable<Integer> {
    @Option(names = "--store", required = true, description = "jdbc | cassandra | rocksdb") String store;
    @Option(names = "--postgres", defaultValue = "jdbc:postgresql://127.0.0.1:5432/chat") String postgres;
    @Option(names = "--cassandra", defaultValue = "127.0.0.1:9042") String cassandra;
    @Option(names = "--messages", defaultValue = "20000") int messages;
    @Option(names = "--chats", defaultValue = "100") int chats;
    @Option(names = "--reads", defaultValue = "2000") int reads;
    @Option(names = "--appends", defaultValue = "20000", description = "log appends (jdbc and rocksdb)") int appends;

    public static void main(String[] args) {
        System.exit(new CommandLine(new StorageBenchmark()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Map<String, Object> properties = new HashMap<>();
        properties.put("chat.gateway.enabled", false);
        properties.put("chat.presence.udp.enabled", false);
        properties.put("chat.auth.embedded-issuer.enabled", false);
        properties.put("chat.auth.jwks-uri", "http://127.0.0.1:1/unused");
        properties.put("chat.data-dir", System.getProperty("java.io.tmpdir"));
        String schema = "bench" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        properties.put("datasources.default.url", postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        properties.put("datasources.default.username", "chat");
        properties.put("datasources.default.password", "chat");
        properties.put("datasources.default.dialect", "POSTGRES");
        properties.put("flyway.datasources.default.locations", "classpath:db/migration/common,classpath:db/migration/postgresql");
        properties.put("flyway.datasources.default.schemas", schema);
        properties.put("flyway.datasources.default.default-schema", schema);
        properties.put("flyway.datasources.default.create-schemas", true);
        properties.put("chat.log.backend", "jdbc");
        properties.put("chat.messages.backend", "jdbc");
        if ("rocksdb".equals(store)) {
            // the embedded default: RocksDB for the log and the messages in a fresh folder, H2 for the rest
            properties.put("chat.log.backend", "rocksdb");
            properties.put("chat.messages.backend", "rocksdb");
            properties.put("chat.data-dir", java.nio.file.Files.createTempDirectory("chat-bench").toString());
            properties.put("datasources.default.url", "jdbc:h2:mem:" + schema + ";DB_CLOSE_DELAY=-1");
            properties.put("datasources.default.driver-class-name", "org.h2.Driver");
            properties.put("datasources.default.username", "sa");
            properties.put("datasources.default.password", "");
            properties.put("datasources.default.dialect", "H2");
            properties.put("flyway.datasources.default.locations", "classpath:db/migration/common,classpath:db/migration/h2");
            properties.remove("flyway.datasources.default.schemas");
            properties.remove("flyway.datasources.default.default-schema");
            properties.remove("flyway.datasources.default.create-schemas");
        }
        if ("cassandra".equals(store)) {
            properties.put("chat.messages.backend", "cassandra");
            properties.put("chat.offsets.backend", "cassandra");
            properties.put("chat.cassandra.enabled", true);
            properties.put("chat.cassandra.contact-points", cassandra);
            properties.put("chat.cassandra.keyspace", "chat_bench");
        }
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            MessageStore messageStore = context.getBean(MessageStore.class);
            System.out.println("store: " + messageStore.getClass().getSimpleName());
            writes(messageStore);
            historyReads(messageStore);
            if (!"cassandra".equals(store)) {
                logAppends(context.getBean(MessageLog.class));
            }
        }
        return 0;
    }

    private void writes(MessageStore messageStore) {
        List<ChatId> chatIds = new ArrayList<>();
        for (int i = 0; i < chats; i++) {
            chatIds.add(new ChatId(UUID.randomUUID()));
        }
        UserId sender = new UserId(UUID.randomUUID());
        List<Message> batch = new ArrayList<>(100);
        long start = System.nanoTime();
        for (int i = 1; i <= messages; i++) {
            batch.add(message(chatIds.get(i % chats), i, sender));
            if (batch.size() == 100) {
                messageStore.storeAll(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            messageStore.storeAll(batch);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("writes: %d messages in %.2f s = %.0f messages/s (batches of 100, %d chats)%n",
                messages, seconds, messages / seconds, chats);
    }

    private void historyReads(MessageStore messageStore) {
        ChatId chat = new ChatId(UUID.randomUUID());
        UserId sender = new UserId(UUID.randomUUID());
        List<Message> batch = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            batch.add(message(chat, i, sender));
            if (batch.size() == 100) {
                messageStore.storeAll(batch);
                batch.clear();
            }
        }
        for (int i = 0; i < 200; i++) {
            messageStore.after(chat, new Position(ThreadLocalRandom.current().nextInt(950)), 50);
        }
        Histogram latency = new Histogram(3);
        for (int i = 0; i < reads; i++) {
            long after = ThreadLocalRandom.current().nextInt(950);
            long t0 = System.nanoTime();
            List<Message> page = messageStore.after(chat, new Position(after), 50);
            latency.recordValue((System.nanoTime() - t0) / 1_000);
            if (page.size() != 50) {
                throw new IllegalStateException("a page after " + after + " held " + page.size() + " messages");
            }
        }
        System.out.printf("history: %d pages of 50 from a 1,000-message chat: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                reads, latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0,
                latency.getMaxValue() / 1000.0);
    }

    private void logAppends(MessageLog log) {
        log.subscribe(MessageLog.Subscription.named("store"), batch -> { });
        UserId sender = new UserId(UUID.randomUUID());
        long start = System.nanoTime();
        List<CompletableFuture<MessageLog.Appended>> pending = new ArrayList<>();
        for (int i = 0; i < appends; i++) {
            ChatId chat = new ChatId(new UUID(0, i % chats));
            pending.add(log.append(new MessageLog.Entry(new MessageId(UUID.randomUUID()), chat, sender,
                    new DeviceId("bench"), new ClientMessageId("a" + i), new MessageBody("x".repeat(100)),
                    Instant.now())).toCompletableFuture());
            if (pending.size() >= 2_000) {
                pending.remove(0).join();
            }
        }
        pending.forEach(CompletableFuture::join);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("log: %d durable appends in %.2f s = %.0f appends/s (group commit, 2,000 in flight)%n",
                appends, seconds, appends / seconds);
    }

    private static Message message(ChatId chat, long position, UserId sender) {
        return new Message(new MessageId(UUID.randomUUID()), chat, new Position(position), sender,
                new DeviceId("bench"), new ClientMessageId("m" + position), new MessageBody("x".repeat(100)),
                Instant.now());
    }
}
