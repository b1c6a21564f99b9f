package dev.chat.adapter.out.kafka.capture;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Properties;

/**
 * Where the membership capture reads (PostgreSQL, through a logical replication slot and a
 * publication of {@code <schema>.chat_memberships} only) and writes (the compacted memberships
 * topic; its own offsets in a Kafka topic, so that a restarted capture, on this host or another,
 * resumes after the last change it wrote without a new snapshot).
 *
 * <p>{@code pollInterval}: how long the engine sleeps when the slot had nothing; Debezium's default
 * of 500 ms is most of the half second a membership change otherwise takes to reach the join
 * (../shared/notes/pipeline.md measured about 20 ms with 20 ms here).
 */
public record CaptureSettings(String host, int port, String database, String schema, String user, String password,
                              String slot, String publication, String bootstrapServers, String membershipsTopic,
                              String logTopic, String offsetsTopic, short replicationFactor, String name,
                              Duration pollInterval) {
    public CaptureSettings {
        Objects.requireNonNull(host, "database host");
        Objects.requireNonNull(database, "database name");
        Objects.requireNonNull(user, "database user");
        Objects.requireNonNull(password, "database password");
        Objects.requireNonNull(bootstrapServers, "Kafka bootstrap servers");
        Objects.requireNonNull(membershipsTopic, "memberships topic");
        Objects.requireNonNull(logTopic, "message log topic");
        Objects.requireNonNull(offsetsTopic, "offsets topic");
        Objects.requireNonNull(name, "name");
        if (!schema.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("a schema is named by 1 to 63 of a-z, 0-9 and '_': " + schema);
        }
        if (!slot.matches("[a-z0-9_]{1,63}") || !publication.matches("[a-z0-9_]{1,63}")) {
            throw new IllegalArgumentException("a replication slot and a publication are named by 1 to 63 of a-z, "
                    + "0-9 and '_': " + slot + ", " + publication);
        }
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the capture's poll interval is positive");
        }
    }

    /** The host, port and database of a {@code jdbc:postgresql://host:port/database} URL. */
    public static CaptureSettings fromJdbcUrl(String jdbcUrl, String schema, String user, String password, String slot,
                                              String publication, String bootstrapServers, String membershipsTopic,
                                              String logTopic, String offsetsTopic, short replicationFactor,
                                              String name, Duration pollInterval) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("the membership capture reads PostgreSQL; the datasource is " + jdbcUrl);
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        String database = uri.getPath().replaceFirst("^/", "");
        return new CaptureSettings(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), database, schema, user,
                password, slot, publication, bootstrapServers, membershipsTopic, logTopic, offsetsTopic,
                replicationFactor, name, pollInterval);
    }

    Properties engineProperties() {
        Properties p = new Properties();
        p.setProperty("name", name);
        p.setProperty("connector.class", "io.debezium.connector.postgresql.PostgresConnector");
        p.setProperty("database.hostname", host);
        p.setProperty("database.port", Integer.toString(port));
        p.setProperty("database.user", user);
        p.setProperty("database.password", password);
        p.setProperty("database.dbname", database);
        // the prefix only names Debezium's own topics and metrics: records go to the memberships topic
        p.setProperty("topic.prefix", name);
        p.setProperty("plugin.name", "pgoutput");
        p.setProperty("slot.name", slot);
        // kept on stop: a restart resumes from it; ReplicationSetup.drop removes it (tests, scripts/cluster)
        p.setProperty("slot.drop.on.stop", "false");
        p.setProperty("publication.name", publication);
        p.setProperty("publication.autocreate.mode", "filtered");
        p.setProperty("table.include.list", schema + ".chat_memberships");
        // the first start reads every chat's row, then streams; a restart streams from its offsets only,
        // unless the slot lost them (dropped, or the database restored): then it reads every row again,
        // which the join takes as repeats, rather than stop
        p.setProperty("snapshot.mode", "when_needed");
        p.setProperty("poll.interval.ms", Long.toString(pollInterval.toMillis()));
        p.setProperty("offset.storage", "org.apache.kafka.connect.storage.KafkaOffsetBackingStore");
        p.setProperty("offset.storage.topic", offsetsTopic);
        p.setProperty("offset.storage.partitions", "1");
        p.setProperty("offset.storage.replication.factor", Short.toString(replicationFactor));
        p.setProperty("bootstrap.servers", bootstrapServers);
        p.setProperty("offset.flush.interval.ms", "1000");
        // a role without REPLICATION or a dropped database must end the engine, not retry for ever
        p.setProperty("errors.max.retries", "10");
        p.setProperty("errors.retry.delay.initial.ms", "300");
        p.setProperty("errors.retry.delay.max.ms", "5000");
        return p;
    }
}
