package dev.chat.adapter.out.kafka.channel;

import dev.chat.application.port.GatewayChannel;
import dev.chat.application.port.NodeId;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import dev.chat.adapter.out.kafka.membership.CoPartitionedTopic;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@link GatewayChannel} on Kafka: a deliveries topic with one partition per gateway slot. A node
 * that opens its inbox takes a free slot ({@link InboxSlots}, on PostgreSQL) and reads that
 * partition from its end, without a consumer group; a sender writes a batch as one record to the
 * slot of the node it is for, with the node's id in a header. So each gateway reads only what is
 * addressed to it, never the whole message stream, and the counters say so
 * ({@link #counts(NodeId)}).
 *
 * <p>At most once, as the port allows: a record for a node with no slot is not written, and what was
 * in flight to a node that died is read by nobody, or passed over by the node that takes the slot
 * next. Those devices reconnect to another gateway and catch up from the store. A sender keeps the
 * slot of each node it sent to for a third of the lease, so a send costs no database round trip.
 */
public final class KafkaGatewayChannel implements GatewayChannel, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KafkaGatewayChannel.class);
    static final String NODE_HEADER = "chat-node";

    /** What one node's inbox read: records addressed to it (and the deliveries in them), and records passed over. */
    public record InboxCounts(long records, long deliveries, long passedOver) {
    }

    private record CachedSlot(Optional<Integer> slot, long until) {
    }

    private final ChannelSettings settings;
    private final InboxSlots slots;
    private final KafkaProducer<byte[], byte[]> producer;
    private final AtomicLong failedSinceFlush = new AtomicLong();
    private final Map<NodeId, CachedSlot> slotOf = new ConcurrentHashMap<>();
    private final Map<NodeId, InboxReader> readers = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "chat-kafka-inbox-lease");
        thread.setDaemon(true);
        return thread;
    });

    public KafkaGatewayChannel(ChannelSettings settings, DataSource dataSource, Clock clock) {
        this.settings = settings;
        this.slots = new InboxSlots(dataSource, settings.slots(), clock);
        ensureTopic(settings);
        this.producer = new KafkaProducer<>(settings.producerProperties(), new ByteArraySerializer(),
                new ByteArraySerializer());
        long every = settings.lease().dividedBy(3).toMillis();
        renewals.scheduleWithFixedDelay(this::renewAll, every, every, TimeUnit.MILLISECONDS);
    }

    private static void ensureTopic(ChannelSettings settings) {
        try (Admin admin = Admin.create(settings.adminProperties())) {
            try {
                admin.createTopics(List.of(new NewTopic(settings.topic(), settings.slots(), settings.replicationFactor())
                        .configs(Map.of("retention.ms", Long.toString(Duration.ofHours(1).toMillis())))))
                        .all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
            // a topic just created may not be known to every broker yet: described with retries
            int partitions = CoPartitionedTopic.describe(admin, settings.topic()).partitions().size();
            if (partitions < settings.slots()) {
                throw new IllegalStateException("the deliveries topic " + settings.topic() + " has " + partitions
                        + " partitions, fewer than the " + settings.slots() + " gateway slots configured");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while opening the deliveries topic", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot open the deliveries topic " + settings.topic() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void send(NodeId node, List<Delivery> batch) {
        if (batch.isEmpty()) {
            return;
        }
        Optional<Integer> slot = slotOf(node);
        if (slot.isEmpty()) {
            dropped.incrementAndGet();
            return;
        }
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(settings.topic(), slot.get(), null,
                DeliveryRecords.encode(batch));
        record.headers().add(NODE_HEADER, node.value().getBytes(StandardCharsets.UTF_8));
        producer.send(record, (metadata, failure) -> {
            if (failure != null) {
                dropped.incrementAndGet();
                if (failure instanceof RetriableException) {
                    // worth repeating (the broker away, a timeout); a batch that can never be written is dropped
                    failedSinceFlush.incrementAndGet();
                }
                LOG.warn("a batch of {} deliveries for node {} was dropped: {}", batch.size(), node, failure.toString());
            }
        });
    }

    /**
     * Waits for the broker's acknowledgement of every batch sent so far; throws when one failed since
     * the last flush for a reason worth repeating the fan-out for. Flushes are made by one thread at a
     * time (the fan-out's).
     */
    @Override
    public void flush() {
        producer.flush();
        long failed = failedSinceFlush.getAndSet(0);
        if (failed > 0) {
            throw new IllegalStateException(failed + " batches of deliveries did not reach the channel");
        }
    }

    private Optional<Integer> slotOf(NodeId node) {
        long now = System.nanoTime();
        CachedSlot cached = slotOf.get(node);
        if (cached != null && now < cached.until()) {
            return cached.slot();
        }
        try {
            Optional<Integer> slot = slots.slotOf(node);
            slotOf.put(node, new CachedSlot(slot, now + settings.lease().dividedBy(3).toNanos()));
            return slot;
        } catch (Exception e) {
            LOG.warn("cannot look up the inbox of node {}: {}", node, e.toString());
            return cached == null ? Optional.empty() : cached.slot();
        }
    }

    @Override
    public synchronized void open(NodeId self, Inbox inbox) {
        if (readers.containsKey(self)) {
            throw new IllegalStateException("node " + self + " has its inbox open already");
        }
        int slot = claim(self);
        InboxReader reader = new InboxReader(self, slot, inbox);
        readers.put(self, reader);
        slotOf.put(self, new CachedSlot(Optional.of(slot), System.nanoTime() + settings.lease().dividedBy(3).toNanos()));
        reader.start();
        LOG.info("node {} reads its deliveries from {}-{}", self, settings.topic(), slot);
    }

    private int claim(NodeId self) {
        try {
            OptionalInt slot = slots.claim(self, settings.lease());
            if (slot.isEmpty()) {
                throw new IllegalStateException("every one of the " + settings.slots() + " gateway slots is held by a "
                        + "live node: raise chat.kafka.channel.slots (the deliveries topic's partitions)");
            }
            return slot.getAsInt();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot take a gateway slot: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close(NodeId self) {
        InboxReader reader = readers.remove(self);
        slotOf.remove(self);
        if (reader == null) {
            return;
        }
        reader.stop();
        try {
            slots.release(self, reader.slot);
        } catch (Exception e) {
            LOG.warn("node {} could not release its slot {}; it frees itself when the lease runs out", self,
                    reader.slot, e);
        }
    }

    /** What the node's inbox has read so far; zeros when it has none open here. */
    public InboxCounts counts(NodeId node) {
        InboxReader reader = readers.get(node);
        return reader == null ? new InboxCounts(0, 0, 0)
                : new InboxCounts(reader.records.get(), reader.deliveries.get(), reader.passedOver.get());
    }

    /** {@link #counts(NodeId)} summed over every inbox open here. */
    public InboxCounts totals() {
        long records = 0;
        long deliveries = 0;
        long passedOver = 0;
        for (InboxReader reader : readers.values()) {
            records += reader.records.get();
            deliveries += reader.deliveries.get();
            passedOver += reader.passedOver.get();
        }
        return new InboxCounts(records, deliveries, passedOver);
    }

    /** Batches not written because their node had no slot, or Kafka did not take them in time. */
    public long dropped() {
        return dropped.get();
    }

    private void renewAll() {
        for (InboxReader reader : readers.values()) {
            try {
                if (!slots.renew(reader.node, reader.slot, settings.lease())) {
                    int again = claim(reader.node);
                    LOG.warn("node {} had lost its gateway slot {} (its lease ran out); it reads slot {} now",
                            reader.node, reader.slot, again);
                    reader.moveTo(again);
                }
            } catch (Exception e) {
                LOG.warn("renewing the gateway slot of node {} failed", reader.node, e);
            }
        }
    }

    @Override
    public void close() {
        renewals.shutdownNow();
        List.copyOf(readers.keySet()).forEach(this::close);
        producer.close(Duration.ofSeconds(5));
    }

    /** One node's reader of its partition, on a thread of its own. */
    private final class InboxReader implements Runnable {
        final NodeId node;
        volatile int slot;
        private volatile int assigned = -1;
        private final Inbox inbox;
        private final byte[] self;
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final Thread thread;
        private volatile boolean running = true;
        final AtomicLong records = new AtomicLong();
        final AtomicLong deliveries = new AtomicLong();
        final AtomicLong passedOver = new AtomicLong();

        InboxReader(NodeId node, int slot, Inbox inbox) {
            this.node = node;
            this.slot = slot;
            this.inbox = inbox;
            this.self = node.value().getBytes(StandardCharsets.UTF_8);
            this.consumer = new KafkaConsumer<>(settings.consumerProperties(node.value()), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer());
            // from the end as it is now, before open returns: what is sent after that is received
            assign(slot);
            this.thread = new Thread(this, "chat-kafka-inbox-" + node);
            thread.setDaemon(true);
        }

        private void assign(int partition) {
            TopicPartition topicPartition = new TopicPartition(settings.topic(), partition);
            consumer.assign(List.of(topicPartition));
            consumer.seekToEnd(List.of(topicPartition));
            consumer.position(topicPartition, Duration.ofSeconds(30));
            assigned = partition;
        }

        void start() {
            thread.start();
        }

        void moveTo(int partition) {
            slot = partition;
            consumer.wakeup();
        }

        void stop() {
            running = false;
            consumer.wakeup();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void run() {
            try {
                while (running) {
                    try {
                        if (slot != assigned) {
                            assign(slot);
                        }
                        ConsumerRecords<byte[], byte[]> batch = consumer.poll(Duration.ofMillis(500));
                        for (ConsumerRecord<byte[], byte[]> record : batch) {
                            handle(record);
                        }
                    } catch (WakeupException e) {
                        // stop() or a new slot
                    } catch (RuntimeException e) {
                        if (running) {
                            LOG.error("the inbox of node {} failed to read; reading on", node, e);
                        }
                    }
                }
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        private void handle(ConsumerRecord<byte[], byte[]> record) {
            Header header = record.headers().lastHeader(NODE_HEADER);
            if (header == null || !Arrays.equals(header.value(), self)) {
                // for the node that held this slot before
                passedOver.incrementAndGet();
                return;
            }
            List<Delivery> batch;
            try {
                batch = DeliveryRecords.decode(record.value());
            } catch (RuntimeException e) {
                LOG.error("node {}: skipping an unreadable delivery record at offset {}", node, record.offset(), e);
                return;
            }
            records.incrementAndGet();
            deliveries.addAndGet(batch.size());
            try {
                inbox.receive(batch);
            } catch (RuntimeException e) {
                LOG.error("node {}: its inbox failed on a batch of {} deliveries", node, batch.size(), e);
            }
        }
    }
}
