package dev.chat.adapter.out.kafka.join;

import dev.chat.adapter.out.kafka.log.KafkaMessageLog;
import dev.chat.adapter.out.kafka.membership.CoPartitionedTopic;
import dev.chat.application.port.MessageLog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The distributed delivery path's worker side: the log's delivery subscription (which follows
 * storing) writes each stored message to the stored-messages topic, and a Kafka Streams application
 * joins that stream with the memberships table the capture keeps, then hands each message to the
 * gateways of its recipients. No membership is read from the metadata store on this path.
 */
public final class MembershipJoin implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipJoin.class);

    private final JoinSettings settings;
    private final KafkaMessageLog log;
    private final JoinFanOut fanOutOn;
    private final JoinCounters counters = new JoinCounters();
    private KafkaProducer<byte[], byte[]> producer;
    private KafkaStreams streams;
    private volatile boolean running;

    public MembershipJoin(JoinSettings settings, KafkaMessageLog log,
                          JoinFanOut fanOutOn) {
        this.settings = settings;
        this.log = log;
        this.fanOutOn = fanOutOn;
    }

    public JoinCounters counters() {
        return counters;
    }

    /**
     * Creates the join's input topics where missing (as many partitions as the log: a chat's messages
     * and membership must share a partition number), starts the Streams application, then feeds the
     * stored-messages topic from the log's {@code delivery} subscription.
     */
    public synchronized void start(MessageLog.Subscription delivery) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-admin"))) {
            int partitions = CoPartitionedTopic.partitionsOf(admin, settings.logTopic());
            CoPartitionedTopic.ensure(admin, settings.membershipsTopic(), partitions, settings.replicationFactor(),
                    "compact", Map.of("min.compaction.lag.ms", "0"));
            CoPartitionedTopic.ensure(admin, settings.storedTopic(), partitions, settings.replicationFactor(),
                    "delete", Map.of("retention.ms", Long.toString(Duration.ofDays(1).toMillis())));
        }
        running = true;
        streams = new KafkaStreams(MembershipJoinTopology.build(settings.membershipsTopic(), settings.storedTopic(),
                fanOutOn, counters, () -> running), settings.streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("a membership join thread failed; replacing it (its tasks resume from their last commit)", e);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.start();
        producer = new KafkaProducer<>(producerProperties(), new ByteArraySerializer(), new ByteArraySerializer());
        log.subscribeWithChatVersions(delivery, new HandOverToJoin(producer, settings.storedTopic()));
        LOG.info("membership join started: {} joined with {} ({})", settings.storedTopic(), settings.membershipsTopic(),
                settings.applicationId());
    }

    /** The Streams application's state (RUNNING once its tasks are assigned and restored). */
    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    @Override
    public synchronized void close() {
        running = false;
        if (streams != null) {
            streams.close(Duration.ofSeconds(15));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-hand-over");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }
}
