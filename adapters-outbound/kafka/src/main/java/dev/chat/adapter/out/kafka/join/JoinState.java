package dev.chat.adapter.out.kafka.join;

import dev.chat.adapter.out.kafka.join.StoredMessages.Stored;
import dev.chat.adapter.out.kafka.membership.ChatMembers;
import dev.chat.adapter.out.kafka.membership.MembershipRecords;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * <p>What may go goes first to the task's {@code ready} store, and {@link #flushReady} hands it,
 * with the memberships of its chats, to the {@link SharedFanOut}, which batches the tasks' messages
 * into one fan-out. The store is logged like the others, and Kafka Streams flushes the changelog
 * before it commits the offsets of the records put there; a message leaves the store only once the
 * fan-out returned from it. So a task that dies with messages ready or in flight finds them in its
 * restored store and hands them over again: at least once, nothing dropped between processing and
 * commit.
 */
final class JoinState {

    private final KeyValueStore<Bytes, byte[]> table;
    private final KeyValueStore<Bytes, byte[]> waiting;
    private final KeyValueStore<Bytes, byte[]> ready;
    private final SharedFanOut fanOut;
    private final JoinCounters counters;
    /** Ready messages handed to the shared fan-out and not yet forgotten. */
    private final java.util.Set<Bytes> inFlight = new java.util.HashSet<>();
    /** Filled by the shared fan-out, on whichever task's flush: what this task may forget. */
    private final java.util.concurrent.ConcurrentLinkedQueue<List<Bytes>> sent =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    JoinState(KeyValueStore<Bytes, byte[]> table, KeyValueStore<Bytes, byte[]> waiting,
              KeyValueStore<Bytes, byte[]> ready, SharedFanOut fanOut, JoinCounters counters) {
        this.table = table;
        this.waiting = waiting;
        this.ready = ready;
        this.fanOut = fanOut;
        this.counters = counters;
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

    /** Messages ready for the fan-out in this task and not yet handed to it. */
    long readyCount() {
        return ready.approximateNumEntries() - inFlight.size();
    }

    /**
     * Forgets what the shared fan-out has sent, hands it what is ready (in chat, then position,
     * order; the fan-out keeps each chat's order per node) with the memberships of their chats, and
     * lets it flush if it is due ({@code now}: the task's system time).
     */
    void flushReady(long now) {
        for (List<Bytes> done = sent.poll(); done != null; done = sent.poll()) {
            for (Bytes key : done) {
                ready.delete(key);
                inFlight.remove(key);
            }
        }
        List<Bytes> keys = new ArrayList<>();
        List<Message> batch = new ArrayList<>();
        Map<ChatId, List<Membership>> members = new HashMap<>();
        try (KeyValueIterator<Bytes, byte[]> it = ready.all()) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> entry = it.next();
                if (inFlight.contains(entry.key)) {
                    continue;
                }
                Message message = StoredMessages.valueOf(entry.value).message();
                keys.add(entry.key);
                batch.add(message);
                members.computeIfAbsent(message.chatId(), this::membersOf);
            }
        }
        if (!batch.isEmpty()) {
            inFlight.addAll(keys);
            fanOut.submit(new SharedFanOut.Submission(batch, members, () -> sent.add(keys)));
        }
        fanOut.flushIfDue(now);
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
