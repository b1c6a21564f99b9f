package dev.chat.adapter.out.kafka.join;

import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The join as a Kafka Streams topology: the memberships topic (a table: each record a chat's whole
 * membership) and the stored-messages topic (a stream), both keyed by chat id, feed two processors
 * that share the task's two stores, the membership table, the messages waiting for it and those ready for the fan-out. Sharing
 * stores puts both sources in one sub-topology, so Kafka Streams gives partition n of both topics to
 * the same task: a chat's messages meet its membership there. Both stores are in memory and logged
 * to compacted changelog topics, from which a restarted or moved task restores them.
 *
 * <p>The fan-out (the application's {@code FanOut}) is called every {@link #FLUSH_EVERY} (or at
 * {@link #FLUSH_AT} messages) with what every task has ready ({@link SharedFanOut}), and with the
 * memberships each task read from its table: it looks up the routes of the recipients and hands the
 * message to the gateways that hold them. Routes are looked up, not joined: they change with every
 * connection and live under node leases that only the route table's own queries apply, and a batch
 * needs one query.
 */
public final class MembershipJoinTopology {
    static final String TABLE = "chat-members";
    static final String WAITING = "waiting-messages";
    static final String READY = "ready-messages";
    /** How often the task hands what is ready to the fan-out; sooner when this many are ready. */
    static final Duration FLUSH_EVERY = Duration.ofMillis(5);
    static final int FLUSH_AT = 2000;
    private static final Logger LOG = LoggerFactory.getLogger(MembershipJoinTopology.class);
    private static final Duration WAITING_REPORT = Duration.ofSeconds(10);

    private MembershipJoinTopology() {
    }

    public static Topology build(String membershipsTopic, String storedTopic,
                                 JoinFanOut fanOutOn, JoinCounters counters,
                                 BooleanSupplier running) {
        SharedFanOut fanOut = new SharedFanOut(fanOutOn, counters, running, FLUSH_EVERY, FLUSH_AT);
        Topology topology = new Topology();
        topology.addSource("memberships", new ByteArrayDeserializer(), new ByteArrayDeserializer(), membershipsTopic);
        topology.addSource("stored-messages", new ByteArrayDeserializer(), new ByteArrayDeserializer(), storedTopic);
        topology.addProcessor("apply-memberships",
                () -> new ApplyMemberships(fanOut, counters), "memberships");
        topology.addProcessor("deliver-messages",
                () -> new DeliverMessages(fanOut, counters), "stored-messages");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TABLE), Serdes.Bytes(),
                Serdes.ByteArray()), "apply-memberships", "deliver-messages");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(WAITING), Serdes.Bytes(),
                Serdes.ByteArray()), "apply-memberships", "deliver-messages");
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(READY), Serdes.Bytes(),
                Serdes.ByteArray()), "apply-memberships", "deliver-messages");
        return topology;
    }

    private abstract static class JoinProcessor implements Processor<byte[], byte[], Void, Void> {
        private final SharedFanOut fanOut;
        final JoinCounters counters;
        JoinState state;
        ProcessorContext<Void, Void> context;

        JoinProcessor(SharedFanOut fanOut, JoinCounters counters) {
            this.fanOut = fanOut;
            this.counters = counters;
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            this.context = context;
            KeyValueStore<Bytes, byte[]> table = context.getStateStore(TABLE);
            KeyValueStore<Bytes, byte[]> waiting = context.getStateStore(WAITING);
            KeyValueStore<Bytes, byte[]> ready = context.getStateStore(READY);
            state = new JoinState(table, waiting, ready, fanOut, counters);
        }

        void skip(Record<byte[], byte[]> record, RuntimeException e, String what) {
            counters.unreadable.incrementAndGet();
            LOG.error("the join skips an unreadable {} record (timestamp {})", what, record.timestamp(), e);
        }
    }

    private static final class ApplyMemberships extends JoinProcessor {
        ApplyMemberships(SharedFanOut fanOut, JoinCounters counters) {
            super(fanOut, counters);
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            try {
                state.apply(record.key(), record.value());
            } catch (IllegalArgumentException e) {
                skip(record, e, "memberships");
            }
            // what the membership let go is in the ready store: the message processor's next flush
            // (within FLUSH_EVERY) hands it over; only that processor submits, so nothing goes twice
        }
    }

    private static final class DeliverMessages extends JoinProcessor {
        DeliverMessages(SharedFanOut fanOut, JoinCounters counters) {
            super(fanOut, counters);
        }

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            super.init(context);
            // also hands over, after a restart, what the restored ready store holds
            context.schedule(FLUSH_EVERY, PunctuationType.WALL_CLOCK_TIME, state::flushReady);
            context.schedule(WAITING_REPORT, PunctuationType.WALL_CLOCK_TIME, now -> {
                long waiting = state.waitingCount();
                if (waiting > 0) {
                    LOG.warn("task {}: {} messages wait for memberships the capture has not brought yet (is the "
                            + "membership capture running?)", context.taskId(), waiting);
                }
            });
        }

        @Override
        public void process(Record<byte[], byte[]> record) {
            StoredMessages.Stored stored;
            try {
                stored = StoredMessages.valueOf(record.value());
            } catch (IllegalArgumentException e) {
                skip(record, e, "stored-message");
                return;
            }
            state.offer(stored);
            if (state.readyCount() >= FLUSH_AT) {
                state.flushReady(context.currentSystemTimeMs());
            }
        }
    }
}
