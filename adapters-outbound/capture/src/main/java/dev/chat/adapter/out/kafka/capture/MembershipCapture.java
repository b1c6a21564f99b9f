package dev.chat.adapter.out.kafka.capture;

import dev.chat.adapter.out.kafka.membership.MembershipRecords;
import dev.chat.adapter.out.kafka.membership.CoPartitionedTopic;
import io.debezium.embedded.Connect;
import io.debezium.engine.ChangeEvent;
import io.debezium.engine.DebeziumEngine;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Change data capture of the chats' memberships: Debezium's embedded engine reads
 * {@code chat_memberships} from PostgreSQL's write-ahead log (pgoutput, through a slot and a
 * publication it creates) and this writes each changed row, which is a chat's whole membership at
 * its version, to the compacted memberships topic, keyed by chat id.
 *
 * <p>A batch of changes is marked processed only once Kafka acknowledged every record of it, and
 * the engine stores its offsets (in a Kafka topic) only for processed changes: a crash repeats at
 * most the changes since the last stored offset, which the join ignores (it keeps the highest
 * version of each chat), and loses none. One capture runs per database: the slot admits one reader,
 * so a second capture waits, retrying, until the first stops.
 *
 * <p>An engine that stops on its own (PostgreSQL unreachable past the engine's retries, a refused
 * role) is started again after {@link #RESTART_DELAY}, for as long as this capture is open: while
 * it is down, messages of chats whose membership changed wait in the join, so giving up would stall
 * them for good.
 */
public final class MembershipCapture implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MembershipCapture.class);
    static final Duration RESTART_DELAY = Duration.ofSeconds(5);

    private final CaptureSettings settings;
    private final Clock clock;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ScheduledThreadPoolExecutor executor;
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong lastLagMillis = new AtomicLong(-1);
    private final AtomicLong restarts = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile DebeziumEngine<ChangeEvent<SourceRecord, SourceRecord>> engine;
    private volatile boolean stopped;

    public MembershipCapture(CaptureSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.producer = new KafkaProducer<>(producerProperties(settings), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "chat-membership-capture");
            thread.setDaemon(true);
            return thread;
        });
        // a restart still waiting when the capture closes is dropped, not run
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Creates the memberships topic if missing (as many partitions as the message log) and starts the engine. */
    public synchronized void start() {
        try (Admin admin = Admin.create(adminProperties(settings))) {
            int partitions = CoPartitionedTopic.partitionsOf(admin, settings.logTopic());
            CoPartitionedTopic.ensure(admin, settings.membershipsTopic(), partitions, settings.replicationFactor(),
                    "compact", Map.of("min.compaction.lag.ms", "0"));
        }
        startEngine();
        LOG.info("membership capture started: slot {}, publication {}, to {}", settings.slot(), settings.publication(),
                settings.membershipsTopic());
    }

    private synchronized void startEngine() {
        if (stopped) {
            return;
        }
        engine = DebeziumEngine.create(Connect.class)
                .using(settings.engineProperties())
                .notifying(this::handleBatch)
                .using((success, message, error) -> {
                    if (stopped) {
                        LOG.info("the membership capture stopped: {}", message);
                        return;
                    }
                    failure.set(error == null ? new IllegalStateException(message) : error);
                    LOG.error("the membership capture's engine stopped: {}; starting it again in {} s", message,
                            RESTART_DELAY.toSeconds(), error);
                    restarts.incrementAndGet();
                    executor.schedule(this::startEngine, RESTART_DELAY.toMillis(), TimeUnit.MILLISECONDS);
                })
                .build();
        executor.execute(engine);
    }

    private void handleBatch(List<ChangeEvent<SourceRecord, SourceRecord>> events,
                             DebeziumEngine.RecordCommitter<ChangeEvent<SourceRecord, SourceRecord>> committer)
            throws InterruptedException {
        List<Future<RecordMetadata>> sent = new ArrayList<>(events.size());
        long newest = 0;
        for (ChangeEvent<SourceRecord, SourceRecord> event : events) {
            Optional<CapturedRows.Change> change = CapturedRows.changeOf(event.value());
            if (change.isEmpty()) {
                continue;
            }
            CapturedRows.Change c = change.get();
            byte[] value = c.members().map(MembershipRecords::value).orElse(null);
            sent.add(producer.send(new ProducerRecord<>(settings.membershipsTopic(),
                    MembershipRecords.key(c.chat()), value)));
            newest = Math.max(newest, c.sourceMillis());
        }
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                // nothing of this batch is marked processed: the engine gives it again after a restart
                throw new IllegalStateException("writing captured memberships to " + settings.membershipsTopic()
                        + " failed: " + e.getMessage(), e);
            }
        }
        for (ChangeEvent<SourceRecord, SourceRecord> event : events) {
            committer.markProcessed(event);
        }
        committer.markBatchFinished();
        captured.addAndGet(sent.size());
        if (newest > 0) {
            lastLagMillis.set(Math.max(0, clock.millis() - newest));
        }
    }

    /** Membership rows written to the topic since this capture started. */
    public long captured() {
        return captured.get();
    }

    /** From a change's commit to its record on the topic, for the newest batch; -1 before the first. */
    public long lastLagMillis() {
        return lastLagMillis.get();
    }

    /** Why the engine last stopped on its own, if it ever did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    /** How often the engine stopped on its own and was started again. */
    public long restarts() {
        return restarts.get();
    }

    @Override
    public synchronized void close() {
        stopped = true;
        try {
            if (engine != null) {
                engine.close();
            }
        } catch (Exception e) {
            LOG.warn("closing the membership capture's engine failed", e);
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the membership capture's engine did not stop within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    private static Properties producerProperties(CaptureSettings settings) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(ProducerConfig.CLIENT_ID_CONFIG, settings.name() + "-producer");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return p;
    }

    private static Properties adminProperties(CaptureSettings settings) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, settings.name() + "-admin");
        return p;
    }
}
