package dev.chat.adapter.out.kafka;

import org.flywaydb.core.Flyway;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The real engines the Kafka adapters are tested on: the broker from {@code CHAT_TEST_KAFKA} and
 * PostgreSQL from {@code CHAT_TEST_POSTGRES_URL} (both printed by {@code scripts/engines/all-start},
 * which {@code scripts/test} runs), else from Testcontainers where a Docker engine answers. Without
 * either a test fails and says how to start them.
 */
public final class Engines {
    private static String kafka;
    private static PostgreSQLContainer<?> postgresContainer;

    private Engines() {
    }

    public static synchronized String kafka() {
        if (kafka != null) {
            return kafka;
        }
        String servers = System.getenv("CHAT_TEST_KAFKA");
        if (servers != null && !servers.isBlank()) {
            kafka = servers;
        } else if (dockerAvailable()) {
            KafkaContainer container = new KafkaContainer("apache/kafka:4.3.1");
            container.start();
            kafka = container.getBootstrapServers();
        } else {
            fail("No Kafka for the Kafka adapters' tests: set CHAT_TEST_KAFKA (run "
                    + "`eval \"$(scripts/engines/kafka-start)\"`, which scripts/test does), or run where a Docker "
                    + "engine is available for Testcontainers.");
        }
        return kafka;
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    public static synchronized String postgresUrl() {
        String url = System.getenv("CHAT_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return url;
        }
        if (dockerAvailable()) {
            if (postgresContainer == null) {
                postgresContainer = new PostgreSQLContainer<>("postgres:15").withUsername("chat").withPassword("chat")
                        .withDatabaseName("chat");
                postgresContainer.start();
            }
            return postgresContainer.getJdbcUrl();
        }
        fail("No PostgreSQL for the Kafka adapters' tests: set CHAT_TEST_POSTGRES_URL (run "
                + "`eval \"$(scripts/engines/postgres-start)\"`, which scripts/test does), or run where a Docker "
                + "engine is available for Testcontainers.");
        return null;
    }

    /** A name no other test uses: topics, groups and schemas of one test never meet another's. */
    public static String unique(String prefix) {
        return prefix + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
    }

    /** A fresh PostgreSQL schema with the distributed profile's tables. */
    public static DataSource postgres(String schema) {
        String url = postgresUrl();
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        dataSource.setUser(env("CHAT_TEST_POSTGRES_USER", "chat"));
        dataSource.setPassword(env("CHAT_TEST_POSTGRES_PASSWORD", "chat"));
        dataSource.setCurrentSchema(schema);
        Flyway.configure().dataSource(dataSource).schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql").load().migrate();
        return dataSource;
    }

    public static String postgresUser() {
        return env("CHAT_TEST_POSTGRES_USER", "chat");
    }

    public static String postgresPassword() {
        return env("CHAT_TEST_POSTGRES_PASSWORD", "chat");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
