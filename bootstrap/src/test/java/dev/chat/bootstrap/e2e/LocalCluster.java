package dev.chat.bootstrap.e2e;

import dev.chat.adapter.out.kafka.capture.ReplicationSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.fail;

/**
 * The distributed profile as separate processes on this machine: one API (REST and the embedded
 * issuer), one storage worker (the log's store and delivery subscriptions) and several gateways
 * (WebSocket connections, each its own inbox), on the engines of {@code CHAT_TEST_*}. Topics,
 * consumer groups, the PostgreSQL schema and the Cassandra keyspace are this cluster's own.
 */
final class LocalCluster implements AutoCloseable {
    private final String run = Long.toString(System.nanoTime(), 36);
    private final Map<String, String> shared = new HashMap<>();
    private final int apiPort = ServerProcess.freePort();
    private final String schema = "cluster" + run;
    private ServerProcess api;
    private ServerProcess worker;
    private final List<ServerProcess> gateways = new ArrayList<>();

    LocalCluster(int gatewayCount) {
        String postgres = env("CHAT_TEST_POSTGRES_URL");
        // one presence session secret and one set of push keys for the whole cluster: any node verifies any
        // heartbeat, and any node's pushes are signed with the key browsers subscribed with
        shared.putAll(ClusterSecrets.fresh());
        shared.put("datasources.default.url", postgres + (postgres.contains("?") ? "&" : "?") + "currentSchema=" + schema);
        shared.put("datasources.default.username", System.getenv().getOrDefault("CHAT_TEST_POSTGRES_USER", "chat"));
        shared.put("datasources.default.password", System.getenv().getOrDefault("CHAT_TEST_POSTGRES_PASSWORD", "chat"));
        shared.put("datasources.default.maximum-pool-size", "6");
        shared.put("datasources.default.minimum-idle", "1");
        shared.put("flyway.datasources.default.schemas", schema);
        shared.put("flyway.datasources.default.default-schema", schema);
        shared.put("flyway.datasources.default.create-schemas", "true");
        shared.put("chat.cassandra.contact-points", env("CHAT_TEST_CASSANDRA"));
        shared.put("chat.cassandra.keyspace", "cluster" + run);
        shared.put("chat.kafka.bootstrap-servers", env("CHAT_TEST_KAFKA"));
        shared.put("chat.kafka.log.topic", "cluster-messages-" + run);
        shared.put("chat.kafka.log.partitions", "6");
        shared.put("chat.kafka.channel.topic", "cluster-deliveries-" + run);
        shared.put("chat.kafka.channel.slots", "8");
        shared.put("chat.kafka.group-prefix", "cluster-" + run);
        shared.put("chat.kafka.memberships-topic", "cluster-memberships-" + run);
        shared.put("chat.kafka.join.stored-topic", "cluster-stored-" + run);
        shared.put("chat.auth.issuer", "http://127.0.0.1:" + apiPort);
        shared.put("chat.auth.bcrypt-cost", "4");
        // tests sign up, log in and call the API from one address far faster than people do
        shared.put("chat.limits.sign-up-per-address", "off");
        shared.put("chat.limits.log-in-per-address", "off");
        shared.put("chat.limits.rest-per-user", "off");
        shared.put("chat.limits.send-per-user", "off");
        shared.put("chat.limits.send-per-chat", "off");
        shared.put("micronaut.server.host", "127.0.0.1");
        shared.put("chat.catch-up-threads", "2");
        shared.put("chat.gateway.max-threads", "16");
        shared.put("chat.gateway.reconnect-spread", "1s");
        // presence at a test's pace: a grace of 2 s, changes announced at once, looked for every 200 ms
        shared.put("chat.heartbeat-interval", "1s");
        shared.put("chat.missed-heartbeats", "2");
        shared.put("chat.presence-min-change-interval", "0s");
        shared.put("chat.presence-sweep-interval", "200ms");
        shared.put("chat.kafka.presence.claims-topic", "cluster-presence-claims-" + run);
        shared.put("chat.kafka.presence.states-topic", "cluster-presence-" + run);
        shared.put("chat.kafka.presence.partitions", "6");

        Map<String, String> apiProperties = role("api", apiPort, false, false);
        api = ServerProcess.start("api-" + run, apiProperties).awaitReady();
        worker = ServerProcess.start("worker-" + run, workerProperties());
        List<ServerProcess> starting = new ArrayList<>();
        for (int i = 1; i <= gatewayCount; i++) {
            starting.add(ServerProcess.start("gateway" + i + "-" + run, gatewayProperties()));
        }
        worker.awaitReady();
        starting.forEach(ServerProcess::awaitReady);
        gateways.addAll(starting);
    }

    private Map<String, String> workerProperties() {
        Map<String, String> properties = role("worker", ServerProcess.freePort(), false, true);
        // restarted with the same id after a crash, it takes its partitions back at once
        properties.put("chat.kafka.instance-id", "worker-1");
        // the worker also captures the memberships (one capture per database) for the join it runs
        properties.put("chat.capture.enabled", "true");
        properties.put("chat.capture.schema", schema);
        properties.put("chat.capture.slot", slot());
        properties.put("chat.capture.publication", slot());
        return properties;
    }

    private Map<String, String> gatewayProperties() {
        Map<String, String> properties = role("gateway", ServerProcess.freePort(), true, false);
        properties.put("chat.gateway.port", Integer.toString(ServerProcess.freePort()));
        // each gateway takes heartbeats on its own UDP port (a load balancer would spread them)
        properties.put("chat.presence.udp.enabled", "true");
        properties.put("chat.presence.udp.port", Integer.toString(ServerProcess.freeUdpPort()));
        return properties;
    }

    private Map<String, String> role(String role, int port, boolean gateway, boolean worker) {
        Map<String, String> properties = new HashMap<>(shared);
        properties.put("micronaut.server.port", Integer.toString(port));
        properties.put("chat.gateway.enabled", Boolean.toString(gateway));
        properties.put("chat.worker.enabled", Boolean.toString(worker));
        properties.put("chat.presence.udp.enabled", Boolean.toString(gateway));
        try {
            properties.put("chat.data-dir", Files.createTempDirectory("chat-" + role + "-").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        boolean issuer = "api".equals(role);
        properties.put("chat.auth.embedded-issuer.enabled", Boolean.toString(issuer));
        if (!issuer) {
            properties.put("chat.auth.jwks-uri", "http://127.0.0.1:" + apiPort + "/.well-known/jwks.json");
        }
        return properties;
    }

    /** The capture's replication slot (and publication): this cluster's own, dropped when it closes. */
    private String slot() {
        return "test_cluster_" + run;
    }

    /** Another gateway, started now. */
    ServerProcess addGateway() {
        ServerProcess gateway = ServerProcess.start("gateway" + (gateways.size() + 1) + "-" + run, gatewayProperties())
                .awaitReady();
        gateways.add(gateway);
        return gateway;
    }

    ApiClient apiClient() {
        return new ApiClient(api.api());
    }

    ServerProcess api() {
        return api;
    }

    ServerProcess worker() {
        return worker;
    }

    List<ServerProcess> gateways() {
        return List.copyOf(gateways);
    }

    ServerProcess gateway(int index) {
        return gateways.get(index);
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            fail("the cluster tests need PostgreSQL, Cassandra and Kafka: run `eval \"$(scripts/engines/all-start)\"` "
                    + "(or scripts/test, which does) so that CHAT_TEST_POSTGRES_URL, CHAT_TEST_CASSANDRA and "
                    + "CHAT_TEST_KAFKA are set; " + name + " is not");
        }
        return value;
    }

    @Override
    public void close() {
        List<ServerProcess> all = new ArrayList<>(gateways);
        all.add(worker);
        all.add(api);
        CompletableFuture.allOf(all.stream().filter(p -> p != null)
                .map(p -> CompletableFuture.runAsync(p::close)).toArray(CompletableFuture[]::new)).join();
        try {
            ReplicationSetup.drop(env("CHAT_TEST_POSTGRES_URL"),
                    System.getenv().getOrDefault("CHAT_TEST_POSTGRES_USER", "chat"),
                    System.getenv().getOrDefault("CHAT_TEST_POSTGRES_PASSWORD", "chat"), slot(), slot());
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("dropping the cluster's replication slot " + slot() + " failed", e);
        }
    }
}
