package dev.chat.adapter.out.kafka.join;

import dev.chat.adapter.out.kafka.join.StoredMessages.Stored;
import dev.chat.adapter.out.kafka.membership.ChatMembers;
import dev.chat.adapter.out.kafka.membership.MembershipRecords;
import dev.chat.application.port.MembershipView;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * One join task's state and the rule that orders memberships and messages. The table holds each
 * chat's membership at the highest version captured; a message carries the chat version its
 * sender's membership was checked at. A message goes to the fan-out only once the table has that
 * version, so it is never planned with a membership older than the one its sender saw: a member
 * removed at version v gets no message stamped v or later, and a member added at v gets every
 * message stamped v or later that is after the position they joined at. A message that arrives
 * before its version waits in the task's waiting store, and so does every later message of its chat
 * (a chat's messages keep their order); the membership record that brings the version lets them go,
 * in position order.
 *
 * <p>What may go goes first to the task's {@code ready} store, and {@link #flushReady} hands all of
 * it to the fan-out as one batch (one route query for the batch, not one per message). The store is
 * logged like the others, and Kafka Streams flushes the changelog before it commits the offsets of
 * the records put there, so a task that dies with messages ready finds them in its restored store
 * and hands them over then: at least once, nothing dropped between processing and commit.
 */
final class JoinState {
    private static final Logger LOG = LoggerFactory.getLogger(JoinState.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);

    private final KeyValueStore<Bytes, byte[]> table;
    private final KeyValueStore<Bytes, byte[]> waiting;
    private final KeyValueStore<Bytes, byte[]> ready;
    private final MessageLog.Consumer fanOut;
    private final JoinCounters counters;
    private final BooleanSupplier running;

    JoinState(KeyValueStore<Bytes, byte[]> table, KeyValueStore<Bytes, byte[]> waiting,
              KeyValueStore<Bytes, byte[]> ready, JoinFanOut fanOutOn, JoinCounters counters, BooleanSupplier running) {
        this.table = table;
        this.waiting = waiting;
        this.ready = ready;
        this.counters = counters;
        this.running = running;
        this.fanOut = fanOutOn.on(this::membersOf);
    }

    /** A memberships record: the chat's membership at a version, or (no value) the chat deleted. */
    void apply(byte[] key, byte[] value) {
        ChatId chat = MembershipRecords.chatOf(key);
        Bytes tableKey = Bytes.wrap(key);
        if (value == null) {
            table.delete(tableKey);
            counters.membershipUpdates.incrementAndGet();
            // nobody is left to deliver to: what waited for the chat is stored, and no member reads it
            List<KeyValue<Bytes, Stored>> dropped = waitingOf(chat);
            dropped.forEach(entry -> waiting.delete(entry.key));
            counters.released.addAndGet(dropped.size());
            return;
        }
        ChatMembers members = MembershipRecords.valueOf(chat, value);
        long known = versionOf(chat);
        if (members.version() <= known) {
            counters.staleMembershipUpdates.incrementAndGet();
            return;
        }
        table.put(tableKey, value);
        counters.membershipUpdates.incrementAndGet();
        release(chat, members.version());
    }

    /** A stored message: ready for the fan-out if the table has its chat version and nothing of its chat waits. */
    void offer(Stored stored) {
        ChatId chat = stored.message().chatId();
        byte[] value = StoredMessages.value(stored.message(), stored.chatVersion());
        if (stored.chatVersion() > versionOf(chat) || hasWaiting(chat)) {
            waiting.put(key(stored.message()), value);
            counters.waited.incrementAndGet();
            return;
        }
        ready.put(key(stored.message()), value);
    }

    /** Messages waiting in this task (its stores hold only its partitions). */
    long waitingCount() {
        return waiting.approximateNumEntries();
    }

    /** Messages ready for the fan-out in this task. */
    long readyCount() {
        return ready.approximateNumEntries();
    }

    /**
     * Hands every ready message to the fan-out as one batch (in chat, then position, order; the fan-out
     * keeps each chat's order per node) and forgets them once it has returned.
     */
    void flushReady() {
        List<Bytes> keys = new ArrayList<>();
        List<Message> batch = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = ready.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                keys.add(entry.key);
                batch.add(StoredMessages.valueOf(entry.value).message());
            }
        }
        if (batch.isEmpty()) {
            return;
        }
        deliver(batch);
        keys.forEach(ready::delete);
    }

    private void release(ChatId chat, long version) {
        int released = 0;
        for (KeyValue<Bytes, Stored> entry : waitingOf(chat)) {
            if (entry.value.chatVersion() > version) {
                break;
            }
            ready.put(entry.key, StoredMessages.value(entry.value.message(), entry.value.chatVersion()));
            waiting.delete(entry.key);
            released++;
        }
        counters.released.addAndGet(released);
    }

    /**
     * Hands messages to the fan-out, again after a pause while it fails (the route table or the
     * gateway channel unreachable): the task's offsets are committed only after this returns, so
     * giving up here would lose nothing but would replay more.
     */
    private void deliver(List<Message> messages) {
        Duration backoff = Duration.ofMillis(50);
        while (true) {
            try {
                fanOut.accept(messages);
                counters.messages.addAndGet(messages.size());
                return;
            } catch (RuntimeException e) {
                if (!running.getAsBoolean()) {
                    throw e;
                }
                LOG.warn("the fan-out failed on {} messages; again in {} ms", messages.size(), backoff.toMillis(), e);
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    private List<Membership> membersOf(ChatId chat) {
        counters.tableReads.incrementAndGet();
        return table(chat).map(ChatMembers::members).orElse(List.of());
    }

    private Optional<ChatMembers> table(ChatId chat) {
        byte[] value = table.get(Bytes.wrap(MembershipRecords.key(chat)));
        return value == null ? Optional.empty() : Optional.of(MembershipRecords.valueOf(chat, value));
    }

    private long versionOf(ChatId chat) {
        byte[] value = table.get(Bytes.wrap(MembershipRecords.key(chat)));
        // the version is the value's first field after its format byte: no need to read the members
        return value == null ? 0 : ByteBuffer.wrap(value, 1, 8).getLong();
    }

    private boolean hasWaiting(ChatId chat) {
        try (KeyValueIterator<Bytes, byte[]> it = waiting.range(from(chat), to(chat))) {
            return it.hasNext();
        }
    }

    private List<KeyValue<Bytes, Stored>> waitingOf(ChatId chat) {
        List<KeyValue<Bytes, Stored>> entries = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = waiting.range(from(chat), to(chat))) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                entries.add(KeyValue.pair(entry.key, StoredMessages.valueOf(entry.value)));
            }
        }
        return entries;
    }

    /** Chat id, then position (big-endian, positions are positive): a chat's messages in order. */
    private static Bytes key(Message message) {
        return Bytes.wrap(ByteBuffer.allocate(24).put(MembershipRecords.key(message.chatId()))
                .putLong(message.position().value()).array());
    }

    private static Bytes from(ChatId chat) {
        return Bytes.wrap(ByteBuffer.allocate(24).put(MembershipRecords.key(chat)).putLong(0).array());
    }

    private static Bytes to(ChatId chat) {
        return Bytes.wrap(ByteBuffer.allocate(24).put(MembershipRecords.key(chat)).putLong(Long.MAX_VALUE).array());
    }
}
