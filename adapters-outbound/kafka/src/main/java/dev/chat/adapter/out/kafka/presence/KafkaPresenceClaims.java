package dev.chat.adapter.out.kafka.presence;

import dev.chat.application.port.NodeId;
import dev.chat.application.port.PresenceClaims;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's claims about its users, on the claims topic in the partition of each user (so one
 * decider gets all claims about a user, from every node, in the order each node sent them), and a
 * beat on every partition every {@code beatInterval}: a decider counts a node's claims while its
 * beats keep coming. Beats cost partitions × nodes small records per interval, independent of the
 * number of users and of heartbeats.
 */
public final class KafkaPresenceClaims implements PresenceClaims, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaPresenceClaims.class);

    private final PresenceTopics topics;
    private final NodeId self;
    private final Clock clock;
    private final int partitions;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledExecutorService beats;

    public KafkaPresenceClaims(PresenceTopics topics, NodeId self, Clock clock) {
        this.topics = topics;
        this.self = self;
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

    @Override
    public void send(Claim claim) {
        producer.send(new ProducerRecord<>(topics.claimsTopic(), PresenceRecords.partitionOf(claim.user(), partitions),
                PresenceRecords.claimKey(claim), PresenceRecords.claimValue(claim)), (metadata, failure) -> {
                    if (failure != null) {
                        LOG.warn("a presence claim about {} was not sent: {}", claim.user(), failure.toString());
                    }
                });
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
