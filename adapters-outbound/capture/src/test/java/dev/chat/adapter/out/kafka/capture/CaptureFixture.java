package dev.chat.adapter.out.kafka.capture;

import dev.chat.adapter.out.kafka.Engines;
import dev.chat.application.port.ChatRepository;
import io.micronaut.context.ApplicationContext;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a capture test stands on: a PostgreSQL schema of its own with the JDBC chat repository on it
 * (which writes chat_memberships), a message log topic (whose partition count the memberships topic
 * takes), and capture settings with a slot and publication of its own, dropped at the end (named
 * {@code test_...}: scripts/engines/postgres-start drops such slots that a killed run left).
 */
final class CaptureFixture implements AutoCloseable {
    final String schema = Engines.unique("cap");
    final String logTopic = Engines.unique("log-");
    final String membershipsTopic = Engines.unique("memberships-");
    final CaptureSettings settings;
    final ApplicationContext context;
    final ChatRepository chats;

    CaptureFixture() throws Exception {
        context = ApplicationContext.run(Map.of(
                "datasources.default.url", inSchema(),
                "datasources.default.driver-class-name", "org.postgresql.Driver",
                "datasources.default.username", Engines.postgresUser(),
                "datasources.default.password", Engines.postgresPassword(),
                "datasources.default.dialect", "POSTGRES",
                "datasources.default.maximum-pool-size", 2,
                "flyway.datasources.default.locations", "classpath:db/migration/common,classpath:db/migration/postgresql",
                "flyway.datasources.default.schemas", schema,
                "flyway.datasources.default.default-schema", schema,
                "flyway.datasources.default.create-schemas", true), "test");
        chats = context.getBean(ChatRepository.class);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, Engines.kafka()))) {
            admin.createTopics(List.of(new NewTopic(logTopic, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        settings = CaptureSettings.fromJdbcUrl(Engines.postgresUrl(), schema, Engines.postgresUser(),
                Engines.postgresPassword(), "test_" + schema, "test_" + schema, Engines.kafka(), membershipsTopic,
                logTopic, Engines.unique("capture-offsets-"), (short) 1, "chat-capture-" + schema, Duration.ofMillis(20));
    }

    String inSchema() {
        String url = Engines.postgresUrl();
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Deleting a chat is an operator's act (no use case does it): its membership row goes with it. */
    void deleteChat(UUID chat) throws Exception {
        try (Connection connection = DriverManager.getConnection(inSchema(), Engines.postgresUser(),
                Engines.postgresPassword());
             PreparedStatement delete = connection.prepareStatement("DELETE FROM chats WHERE id = ?")) {
            delete.setObject(1, chat);
            delete.executeUpdate();
        }
    }

    /** Drops the slot and the publication (the capture must be closed) and checks the slot is gone. */
    @Override
    public void close() throws Exception {
        ReplicationSetup.drop(Engines.postgresUrl(), Engines.postgresUser(), Engines.postgresPassword(),
                settings.slot(), settings.publication());
        assertThat(ReplicationSetup.slotExists(Engines.postgresUrl(), Engines.postgresUser(),
                Engines.postgresPassword(), settings.slot())).as("the slot is dropped").isFalse();
        context.close();
    }
}
