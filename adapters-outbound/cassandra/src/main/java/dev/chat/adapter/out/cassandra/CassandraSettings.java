package dev.chat.adapter.out.cassandra;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How this node reaches Cassandra and how long what it writes lives ({@code chat.cassandra.*}).
 *
 * @param contactPoints     {@code host:port} of one or more nodes; the driver discovers the rest
 * @param localDatacenter   the data center whose nodes serve this node's requests
 * @param keyspace          created at start when missing
 * @param replicationFactor copies per data center when the keyspace is created
 * @param requestTimeout    per request; schema changes on a loaded machine need several seconds
 * @param ttl               how long a message and an unused offset live
 * @param applySchema       whether this node applies the CQL migrations at start
 */
@ConfigurationProperties("chat.cassandra")
@Requires(property = "chat.cassandra.enabled", value = "true")
public record CassandraSettings(
        @Bindable(defaultValue = "127.0.0.1:9042") List<String> contactPoints,
        @Bindable(defaultValue = "datacenter1") String localDatacenter,
        @Bindable(defaultValue = "chat") String keyspace,
        @Bindable(defaultValue = "1") int replicationFactor,
        @Bindable(defaultValue = "10s") Duration requestTimeout,
        @Bindable(defaultValue = "30d") Duration ttl,
        @Bindable(defaultValue = "true") boolean applySchema) {

    /** Cassandra refuses TTLs above 20 years. */
    private static final Duration MAX_TTL = Duration.ofSeconds(630_720_000);
    /** Keyspace names go into CQL text, so they must be plain identifiers. */
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,47}");

    public CassandraSettings {
        if (contactPoints == null || contactPoints.isEmpty()) {
            throw new IllegalArgumentException("chat.cassandra.contact-points needs at least one host:port");
        }
        contactPoints = List.copyOf(contactPoints);
        contactPoints.forEach(CassandraSettings::address);
        if (localDatacenter == null || localDatacenter.isBlank()) {
            throw new IllegalArgumentException("chat.cassandra.local-datacenter must name a data center");
        }
        if (keyspace == null || !IDENTIFIER.matcher(keyspace).matches()) {
            throw new IllegalArgumentException("chat.cassandra.keyspace must be a letter then up to 47 letters,"
                    + " digits or underscores: " + keyspace);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("chat.cassandra.replication-factor must be at least 1");
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("chat.cassandra.request-timeout must be positive");
        }
        if (ttl == null || ttl.toSeconds() < 1 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("chat.cassandra.ttl must be between 1 second and 20 years");
        }
    }

    /** The TTL of a write, in the seconds CQL wants. */
    public int ttlSeconds() {
        return Math.toIntExact(ttl.toSeconds());
    }

    public List<InetSocketAddress> contactAddresses() {
        return contactPoints.stream().map(CassandraSettings::address).toList();
    }

    private static InetSocketAddress address(String hostAndPort) {
        String value = hostAndPort == null ? "" : hostAndPort.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("a Cassandra contact point is host:port, not '" + value + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return new InetSocketAddress(host, Integer.parseInt(value.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a Cassandra contact point is host:port, not '" + value + "'", e);
        }
    }
}
