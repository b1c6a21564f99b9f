package dev.chat.adapter.out.kafka.log;

import dev.chat.adapter.out.kafka.log.LogAppender.Pending;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The {@link MessageLog} on a Kafka topic partitioned by chat id: the distributed profile's log.
 * A message's position is its record's offset plus one, so positions increase within a chat (a chat
 * keeps its partition) and every reader sees the same ones. An append completes once Kafka
 * acknowledged the record with {@code acks=all} from an idempotent producer.
 *
 * <p>Idempotency is cluster-wide and durable: {@link ClientMessageIds} on PostgreSQL, by a
 * reservation before the record is written and a claim of its position after (see there why that
 * holds whichever gateway dies when). Each {@linkplain Subscription subscription} is a consumer
 * group ({@code <group-prefix>.<name>}) whose members on all nodes share the partitions; its
 * position is the group's committed offsets, committed after the consumer returned. A follower
 * reads each partition only up to its leader group's committed offset.
 */
public final class KafkaMessageLog implements MessageLog, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaMessageLog.class);

    private final KafkaLogSettings settings;
    private final LogTopic topic;
    private final Admin admin;
    private final KafkaProducer<byte[], byte[]> producer;
    private final ClientMessageIds ids;
    private final HeadCache heads;
    private final LeaderProgress leaders;
    private final BlockingQueue<Pending> queue;
    private final LogAppender appender;
    private final Thread appenderThread;
    private final Clock clock;
    private final Map<String, SubscriptionFeed> feeds = new ConcurrentHashMap<>();
    private final Map<String, Thread> feedThreads = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-kafka-log-sweep");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean open = true;

    public KafkaMessageLog(KafkaLogSettings settings, DataSource dataSource, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.admin = Admin.create(settings.adminProperties());
        try {
            this.topic = LogTopic.ensure(admin, settings.topic(), settings.partitions(), settings.replicationFactor(),
                    settings.minInsyncReplicas());
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
        this.producer = new KafkaProducer<>(settings.producerProperties(), new ByteArraySerializer(),
                new ByteArraySerializer());
        this.ids = new ClientMessageIds(dataSource);
        this.heads = new HeadCache(topic.partitions());
        this.leaders = new LeaderProgress(admin);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.appender = new LogAppender(queue, settings.batchSize(), topic, producer, ids, clock, heads::advance);
        this.appenderThread = new Thread(appender, "chat-kafka-log-appender");
        appenderThread.setDaemon(true);
        appenderThread.start();
        LOG.info("message log on Kafka topic {} ({} partitions) at {}", topic.name(), topic.partitions(),
                settings.bootstrapServers());
    }

    @Override
    public CompletionStage<Appended> append(Entry entry) {
        if (!open) {
            return CompletableFuture.failedFuture(closed());
        }
        Pending pending = new Pending(entry, new CompletableFuture<>());
        if (!queue.offer(pending)) {
            return CompletableFuture.failedFuture(RejectedException.of(Rejection.RATE_LIMITED,
                    "the server is busy; send again later"));
        }
        return pending.result();
    }

    /** The chat partition's high watermark, read from the broker: every offset below it is replicated as {@code acks=all} asks. */
    @Override
    public Position head(ChatId chat) {
        TopicPartition partition = topic.topicPartitionOf(chat);
        long end = endOffsets(List.of(partition)).get(partition);
        heads.advance(partition.partition(), end);
        return new Position(end);
    }

    @Override
    public boolean hasReached(ChatId chat, Position position) {
        return position.value() <= heads.known(topic.partitionOf(chat)) || !position.isAfter(head(chat));
    }

    @Override
    public void subscribe(Subscription subscription, Consumer consumer) {
        subscribeWithChatVersions(subscription, (batch, chatVersions) -> consumer.accept(batch));
    }

    /** A subscription's consumer that also gets the chat version each message's sender was checked at. */
    @FunctionalInterface
    public interface VersionedConsumer {
        /** {@code chatVersions[i]} is the chat version of {@code batch.get(i)} (0: unknown). */
        void accept(List<Message> batch, long[] chatVersions);
    }

    /**
     * {@link #subscribe} for a consumer that needs each message's chat version
     * ({@link Entry#chatVersion()}): the hand-over to the membership join, which orders a message
     * after the membership changes its sender saw.
     */
    public synchronized void subscribeWithChatVersions(Subscription subscription, VersionedConsumer consumer) {
        if (!open) {
            throw new IllegalStateException("the message log is closed");
        }
        if (feeds.containsKey(subscription.name())) {
            throw new IllegalStateException("the subscription " + subscription.name() + " already has a consumer here");
        }
        String group = settings.groupOf(subscription.name());
        KafkaConsumer<byte[], byte[]> kafkaConsumer = new KafkaConsumer<>(settings.consumerProperties(group, subscription.after().isPresent()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        kafkaConsumer.subscribe(List.of(topic.name()));
        SubscriptionFeed feed = new SubscriptionFeed(subscription, group, subscription.after().map(settings::groupOf),
                kafkaConsumer, consumer, ids, leaders, heads, clock);
        Thread thread = new Thread(feed, "chat-kafka-log-" + subscription.name());
        thread.setDaemon(true);
        feeds.put(subscription.name(), feed);
        feedThreads.put(subscription.name(), thread);
        thread.start();
    }

    /** Appended records the subscription's group has not committed past, over all partitions. */
    @Override
    public long backlog(Subscription subscription) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin
                    .listConsumerGroupOffsets(settings.groupOf(subscription.name()))
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> ends = endOffsets(topic.all());
            Map<TopicPartition, Long> starts = offsets(topic.all(), OffsetSpec.earliest());
            long backlog = 0;
            for (TopicPartition partition : topic.all()) {
                OffsetAndMetadata at = committed.get(partition);
                long from = Math.max(at == null ? 0 : at.offset(), starts.get(partition));
                backlog += Math.max(0, ends.get(partition) - from);
            }
            return backlog;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the backlog of " + subscription.name() + ": " + e.getMessage(), e);
        }
    }

    /** Records passed over by a subscription here because another record of the same client message id counts. */
    public long droppedResends(Subscription subscription) {
        SubscriptionFeed feed = feeds.get(subscription.name());
        return feed == null ? 0 : feed.dropped();
    }

    /** Sweeps the client message ids every {@code interval} from now on, on a daemon thread. */
    public void sweepEvery(Duration interval) {
        sweeper.scheduleWithFixedDelay(this::sweepClientMessageIds, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Forgets client message ids reserved longer ago than the idempotency window. */
    public int sweepClientMessageIds() {
        try {
            return ids.sweep(clock.instant().minus(settings.idempotencyWindow()));
        } catch (Exception e) {
            LOG.warn("sweeping the client message ids failed", e);
            return 0;
        }
    }

    private Map<TopicPartition, Long> endOffsets(List<TopicPartition> partitions) {
        return offsets(partitions, OffsetSpec.latest());
    }

    private Map<TopicPartition, Long> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = partitions.stream()
                .collect(Collectors.toMap(Function.identity(), p -> spec));
        try {
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all()
                    .get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            result.forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the log's offsets", e);
        } catch (Exception e) {
            throw new IllegalStateException("the message log is unavailable (reading its offsets): " + e.getMessage(), e);
        }
    }

    private static IllegalStateException closed() {
        return new IllegalStateException("the message log is closed");
    }

    @Override
    public void close() {
        synchronized (this) {
            if (!open) {
                return;
            }
            open = false;
        }
        sweeper.shutdownNow();
        appender.stop();
        join(appenderThread);
        feeds.values().forEach(SubscriptionFeed::stop);
        feedThreads.values().forEach(KafkaMessageLog::join);
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }

    private static void join(Thread thread) {
        try {
            thread.join(TimeUnit.SECONDS.toMillis(15));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Which subscriptions have a consumer here. */
    Optional<SubscriptionFeed> feed(String name) {
        return Optional.ofNullable(feeds.get(name));
    }
}
