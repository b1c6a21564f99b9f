package dev.chat.adapter.out.kafka.presence;

import dev.chat.application.port.NodeId;
import dev.chat.application.port.PresenceClaims;
import dev.chat.domain.user.UserId;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's claims about its users, on the claims topic in the partition of each user (so one
 * decider gets all claims about a user, from every node, in the order each node sent them), and a
 * beat on every partition every {@code beatInterval}: a decider counts a node's claims while its
 * beats keep coming. Beats cost partitions × nodes small records per interval, independent of the
 * number of users and of heartbeats.
 *
 * <p>Claims and beats are made under an <em>incarnation</em> of the node (its id and a random
 * suffix, new at every start), so that a node restarted under a configured id never inherits the
 * claims of its previous life: those lapse with the old incarnation's beats. A claim the broker did
 * not take is sent again (the latest one for its user) a second later, until one is taken.
 */
public final class KafkaPresenceClaims implements PresenceClaims, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPresenceClaims.class);

    private final PresenceTopics topics;
    private final NodeId self;
    private final Clock clock;
    private final int partitions;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService beats;
    /** The latest claim about each user not yet taken by the broker. */
    private final ConcurrentHashMap<UserId, Claim> untaken = new ConcurrentHashMap<>();

    public KafkaPresenceClaims(PresenceTopics topics, NodeId node, Clock clock) {
        this.topics = topics;
        this.self = incarnationOf(node);
        this.clock = clock;
        this.partitions = topics.ensureCompacted(topics.claimsTopic());
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, topics.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, topics.clientId() + "-presence-claims");
        // a node's claims about a user must arrive in order: idempotent producer, acks from all replicas
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
        beats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "presence-beats");
            thread.setDaemon(true);
            return thread;
        });
        beat();
        long every = topics.beatInterval().toMillis();
        beats.scheduleAtFixedRate(this::beat, every, every, TimeUnit.MILLISECONDS);
    }

    static NodeId incarnationOf(NodeId node) {
        String suffix = "~" + Long.toHexString(new SecureRandom().nextLong() >>> 16);
        String base = node.value();
        return new NodeId(base.length() + suffix.length() > 128 ? base.substring(0, 128 - suffix.length()) + suffix
                : base + suffix);
    }

    @Override
    public void send(Claim claim) {
        Claim mine = claim.from(self);
        untaken.put(mine.user(), mine);
        try {
            producer.send(new ProducerRecord<>(topics.claimsTopic(), PresenceRecords.partitionOf(mine.user(), partitions),
                    PresenceRecords.claimKey(mine), PresenceRecords.claimValue(mine)), (metadata, failure) -> {
                        if (failure == null) {
                            untaken.remove(mine.user(), mine);
                        } else {
                            LOG.warn("a presence claim about {} was not taken ({}); sending it again in 1 s",
                                    mine.user(), failure.toString());
                            beats.schedule(() -> again(mine.user()), 1, TimeUnit.SECONDS);
                        }
                    });
        } catch (RuntimeException e) {
            LOG.warn("a presence claim about {} was not sent ({}); sending it again in 1 s", mine.user(), e.toString());
            beats.schedule(() -> again(mine.user()), 1, TimeUnit.SECONDS);
        }
    }

    private void again(UserId user) {
        Claim latest = untaken.get(user);
        if (latest != null) {
            send(latest);
        }
    }

    private void beat() {
        try {
            byte[] key = PresenceRecords.beatKey(self);
            byte[] value = PresenceRecords.beatValue(self, clock.instant());
            for (int partition = 0; partition < partitions; partition++) {
                producer.send(new ProducerRecord<>(topics.claimsTopic(), partition, key, value));
            }
        } catch (RuntimeException e) {
            // the next beat tries again; a decider waits a whole lease before it counts this node out
            LOG.warn("a presence beat was not sent: {}", e.toString());
        }
    }

    @Override
    public void close() {
        beats.shutdownNow();
        producer.close(Duration.ofSeconds(5));
    }
}
