package dev.chat.adapter.out.jdbc;

import io.micronaut.context.ApplicationContext;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Starts the adapters on a real PostgreSQL, each context in a schema of its own (so tests never see
 * each other's rows and a "new" log is really empty). The server comes from
 * {@code CHAT_TEST_POSTGRES_URL}, else from Testcontainers when a Docker engine is present; without
 * either the test fails and says how to start one.
 */
public final class PostgresStore {
    private static String url;

    private PostgresStore() {
    }

    /** A fresh schema's context. */
    public static ApplicationContext open() {
        return open("t" + Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36));
    }

    /** The context on a named schema: opening the same schema again is a restart. */
    public static ApplicationContext open(String schema) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("datasources.default.url", url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema);
        properties.put("datasources.default.driver-class-name", "org.postgresql.Driver");
        properties.put("datasources.default.username", env("CHAT_TEST_POSTGRES_USER", "chat"));
        properties.put("datasources.default.password", env("CHAT_TEST_POSTGRES_PASSWORD", "chat"));
        properties.put("datasources.default.dialect", "POSTGRES");
        properties.put("datasources.default.maximum-pool-size", 4);
        properties.put("flyway.datasources.default.locations",
                "classpath:db/migration/common,classpath:db/migration/postgresql");
        properties.put("flyway.datasources.default.schemas", schema);
        properties.put("flyway.datasources.default.default-schema", schema);
        properties.put("flyway.datasources.default.create-schemas", true);
        properties.put("chat.data-dir", System.getProperty("java.io.tmpdir"));
        return ApplicationContext.run(properties, "test");
    }

    private static synchronized String url() {
        if (url != null) {
            return url;
        }
        String fromEnvironment = System.getenv("CHAT_TEST_POSTGRES_URL");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            url = fromEnvironment;
            return url;
        }
        if (DockerAvailable.check()) {
            url = DockerAvailable.startPostgres();
            return url;
        }
        fail("No PostgreSQL for the JDBC adapter's tests: set CHAT_TEST_POSTGRES_URL (run "
                + "`eval \"$(scripts/engines/postgres-start)\"`, which scripts/test does), or run where a Docker "
                + "engine is available for Testcontainers.");
        return null;
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
