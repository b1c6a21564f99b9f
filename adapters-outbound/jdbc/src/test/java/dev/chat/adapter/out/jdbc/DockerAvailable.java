package dev.chat.adapter.out.jdbc;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.PostgreSQLContainer;

/** Testcontainers, used only when a Docker engine answers (never on the project's CI machines). */
final class DockerAvailable {
    private static PostgreSQLContainer<?> postgres;

    private DockerAvailable() {
    }

    static boolean check() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    static synchronized String startPostgres() {
        if (postgres == null) {
            postgres = new PostgreSQLContainer<>("postgres:15").withUsername("chat").withPassword("chat")
                    .withDatabaseName("chat").withCommand("postgres", "-c", "wal_level=logical");
            postgres.start();
        }
        return postgres.getJdbcUrl();
    }
}
