package dev.chat.adapter.out.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import io.micronaut.context.ApplicationContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Micronaut context with the Cassandra adapters for all test classes of this JVM (a session
 * takes a second or more to open), on the keyspace {@value #KEYSPACE}, closed when the JVM exits.
 */
public final class CassandraStores {
    public static final String KEYSPACE = "chat_test";
    private static ApplicationContext context;

    private CassandraStores() {
    }

    public static synchronized ApplicationContext context() {
        if (context == null) {
            context = open(Map.of());
            Runtime.getRuntime().addShutdownHook(new Thread(context::close, "cassandra-test-context-close"));
        }
        return context;
    }

    public static CqlSession session() {
        return context().getBean(CqlSession.class);
    }

    /** A context of its own (the caller closes it), with {@code overrides} on top of the test settings. */
    public static ApplicationContext open(Map<String, Object> overrides) {
        CassandraEngine.Endpoint engine = CassandraEngine.endpoint();
        Map<String, Object> properties = new HashMap<>();
        properties.put("chat.cassandra.enabled", "true");
        properties.put("chat.cassandra.contact-points", engine.contactPoint());
        properties.put("chat.cassandra.local-datacenter", engine.localDatacenter());
        properties.put("chat.cassandra.keyspace", KEYSPACE);
        // a loaded 2-core CI machine can take seconds for a schema change
        properties.put("chat.cassandra.request-timeout", "30s");
        properties.putAll(overrides);
        ApplicationContext opened = ApplicationContext.run(properties);
        try {
            opened.getBean(CqlSession.class);
            return opened;
        } catch (RuntimeException e) {
            opened.close();
            throw new AssertionError("Cassandra at " + engine.contactPoint() + " (from " + engine.source()
                    + ") does not answer: " + e.getMessage() + ". " + CassandraEngine.HOW_TO_START, e);
        }
    }

    /** The settings of the shared context with another TTL, for stores built by hand. */
    public static CassandraSettings settingsWithTtl(Duration ttl) {
        CassandraSettings shared = context().getBean(CassandraSettings.class);
        return new CassandraSettings(List.copyOf(shared.contactPoints()), shared.localDatacenter(), shared.keyspace(),
                shared.replicationFactor(), shared.requestTimeout(), ttl, shared.applySchema());
    }
}
