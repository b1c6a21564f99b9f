package dev.chat.adapter.out.cassandra;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.cassandra.CassandraContainer;

import java.net.InetSocketAddress;

/**
 * The Cassandra the integration tests run against, found in this order: the endpoint in
 * {@code CHAT_TEST_CASSANDRA} (host:port), a Testcontainers container when a Docker engine runs
 * here, else a failure (never a skip) that says how to start one.
 */
public final class CassandraEngine {
    public static final String ENDPOINT_VARIABLE = "CHAT_TEST_CASSANDRA";
    public static final String DATACENTER_VARIABLE = "CHAT_TEST_CASSANDRA_DC";
    public static final String HOW_TO_START = "Start one with `eval \"$(scripts/engines/cassandra-start)\"` (sets "
            + ENDPOINT_VARIABLE + "=127.0.0.1:9042) and run the tests in that shell; stop it with"
            + " scripts/engines/cassandra-stop";
    private static final String IMAGE = "cassandra:5.0";

    /** Where a node answers CQL, its data center, and where it came from (for failure messages). */
    public record Endpoint(String contactPoint, String localDatacenter, String source) {
    }

    private static Endpoint endpoint;

    private CassandraEngine() {
    }

    public static synchronized Endpoint endpoint() {
        if (endpoint == null) {
            endpoint = find();
        }
        return endpoint;
    }

    private static Endpoint find() {
        String configured = setting(ENDPOINT_VARIABLE);
        String datacenter = setting(DATACENTER_VARIABLE);
        if (configured != null) {
            return new Endpoint(configured, datacenter == null ? "datacenter1" : datacenter,
                    "$" + ENDPOINT_VARIABLE);
        }
        if (dockerAvailable()) {
            CassandraContainer container = new CassandraContainer(IMAGE);
            container.start();
            Runtime.getRuntime().addShutdownHook(new Thread(container::stop, "cassandra-container-stop"));
            InetSocketAddress address = container.getContactPoint();
            return new Endpoint(address.getHostString() + ":" + address.getPort(), container.getLocalDatacenter(),
                    "Testcontainers " + IMAGE);
        }
        throw new AssertionError("These tests need a real Cassandra: " + ENDPOINT_VARIABLE
                + " is not set and no Docker engine is available for Testcontainers. " + HOW_TO_START);
    }

    private static String setting(String name) {
        // the environment, or a system property of the same name for IDE runs
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
