package dev.chat.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.CqlSessionBuilder;
import com.datastax.oss.driver.api.core.DefaultConsistencyLevel;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import dev.chat.adapter.out.cassandra.schema.SchemaMigrator;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Builds the one {@link CqlSession} of this node from {@link CassandraSettings} (micronaut-cassandra
 * is not served for this Micronaut line), after creating the keyspace and applying the CQL migrations.
 */
@Factory
@Requires(property = "chat.cassandra.enabled", value = "true")
public class CqlSessionFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CqlSessionFactory.class);

    @Singleton
    @Bean(preDestroy = "close")
    public CqlSession cqlSession(CassandraSettings settings) {
        return open(settings);
    }

    /** Opens a session on the settings' keyspace, creating the keyspace and its tables first. */
    public static CqlSession open(CassandraSettings settings) {
        long started = System.nanoTime();
        try (CqlSession admin = builder(settings).build()) {
            // the keyspace must exist before a session can be bound to it
            admin.execute(SimpleStatement.newInstance(createKeyspace(settings)));
        } catch (RuntimeException e) {
            throw new CassandraFailure("creating keyspace " + settings.keyspace() + " via "
                    + settings.contactPoints(), e);
        }
        CqlSession session = builder(settings).withKeyspace(settings.keyspace()).build();
        try {
            if (settings.applySchema()) {
                new SchemaMigrator(session).migrate();
            }
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        LOG.info("Cassandra session on keyspace {} via {} (data center {}) ready in {} ms",
                settings.keyspace(), settings.contactPoints(), settings.localDatacenter(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return session;
    }

    static String createKeyspace(CassandraSettings settings) {
        // NetworkTopologyStrategy even on one node: the same statement serves a multi-data-center cluster
        return "CREATE KEYSPACE IF NOT EXISTS " + settings.keyspace()
                + " WITH replication = {'class': 'NetworkTopologyStrategy', '"
                + settings.localDatacenter().replace("'", "''") + "': " + settings.replicationFactor() + "}";
    }

    private static CqlSessionBuilder builder(CassandraSettings settings) {
        Duration timeout = settings.requestTimeout();
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withString(DefaultDriverOption.SESSION_NAME, "chat")
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, timeout)
                // a quorum of the local replicas: an acknowledged write survives the loss of one replica
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, DefaultConsistencyLevel.LOCAL_QUORUM.name())
                // every statement this adapter sends is idempotent (upserts, max-merge by timestamp),
                // so the driver may retry any of them after a timeout
                .withBoolean(DefaultDriverOption.REQUEST_DEFAULT_IDEMPOTENCE, true)
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_TIMEOUT, timeout)
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, timeout.multipliedBy(3))
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_REQUEST_TIMEOUT, timeout)
                .build();
        return CqlSession.builder()
                .withConfigLoader(config)
                .addContactPoints(settings.contactAddresses())
                .withLocalDatacenter(settings.localDatacenter());
    }
}
