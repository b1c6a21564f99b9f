package dev.chat.adapter.out.kafka.log;

import dev.chat.adapter.out.kafka.log.ClientMessageIds.Claim;
import dev.chat.adapter.out.kafka.log.ClientMessageIds.Key;
import dev.chat.adapter.out.kafka.log.ClientMessageIds.Reservation;
import dev.chat.application.port.MessageLog.Appended;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.message.Position;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The one thread that appends: it takes what is queued, reserves the batch's keys in one statement,
 * hands the records to the producer at once, waits for Kafka's acknowledgements, claims the
 * positions in one statement, and completes the appends. So a batch costs two database round trips
 * and one produce round trip however many messages it holds.
 */
final class LogAppender implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(LogAppender.class);

    /** An append waiting for its batch. */
    record Pending(Entry entry, CompletableFuture<Appended> result) {
    }

    /** A record this batch writes, and for which appends. */
    private static final class Write {
        final Entry entry;
        final boolean reservedNow;
        final List<Pending> waiting = new ArrayList<>(1);
        Future<RecordMetadata> sent;
        long position;

        Write(Entry entry, boolean reservedNow) {
            this.entry = entry;
            this.reservedNow = reservedNow;
        }
    }

    private final BlockingQueue<Pending> queue;
    private final int batchSize;
    private final LogTopic topic;
    private final Producer<byte[], byte[]> producer;
    private final ClientMessageIds ids;
    private final Clock clock;
    private final LongConsumerByPartition appended;
    private volatile boolean running = true;

    /** Told the position of each record Kafka acknowledged, by partition. */
    @FunctionalInterface
    interface LongConsumerByPartition {
        void accept(int partition, long position);
    }

    LogAppender(BlockingQueue<Pending> queue, int batchSize, LogTopic topic, Producer<byte[], byte[]> producer,
                ClientMessageIds ids, Clock clock, LongConsumerByPartition appended) {
        this.queue = queue;
        this.batchSize = batchSize;
        this.topic = topic;
        this.producer = producer;
        this.ids = ids;
        this.clock = clock;
        this.appended = appended;
    }

    void stop() {
        running = false;
    }

    @Override
    public void run() {
        List<Pending> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, batchSize - 1);
                append(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.error("appending a batch of {} failed", batch.size(), e);
                fail(batch, e);
            } finally {
                batch.clear();
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        fail(left, new IllegalStateException("the message log is closed; send again"));
    }

    private void append(List<Pending> batch) throws InterruptedException {
        // a key twice in one batch (a resend racing its original) is written once
        Map<Key, List<Pending>> byKey = new LinkedHashMap<>();
        for (Pending pending : batch) {
            byKey.computeIfAbsent(Key.of(pending.entry()), k -> new ArrayList<>(1)).add(pending);
        }
        List<Entry> entries = byKey.values().stream().map(p -> p.get(0).entry()).toList();
        Map<Key, Reservation> reservations;
        try {
            reservations = ids.reserve(entries, clock.instant());
        } catch (Exception e) {
            fail(batch, unavailable("reserving the client message ids", e));
            return;
        }
        List<Write> writes = new ArrayList<>(entries.size());
        for (Map.Entry<Key, List<Pending>> keyed : byKey.entrySet()) {
            Reservation reservation = reservations.get(keyed.getKey());
            if (reservation instanceof Reservation.Existing existing && existing.position() != null) {
                Appended duplicate = new Appended(existing.first().at(new Position(existing.position())), true);
                keyed.getValue().forEach(p -> p.result().complete(duplicate));
                continue;
            }
            // fresh, or reserved by an append that never claimed a record: write the entry as first sent
            Write write = reservation instanceof Reservation.Existing existing
                    ? new Write(existing.first(), false)
                    : new Write(keyed.getValue().get(0).entry(), true);
            write.waiting.addAll(keyed.getValue());
            writes.add(write);
        }
        if (writes.isEmpty()) {
            return;
        }
        for (Write write : writes) {
            write.sent = producer.send(new ProducerRecord<>(topic.name(), topic.partitionOf(write.entry.chatId()),
                    LogRecords.key(write.entry.chatId()), LogRecords.value(write.entry)));
        }
        producer.flush();
        List<Write> written = new ArrayList<>(writes.size());
        List<Claim> claims = new ArrayList<>(writes.size());
        for (Write write : writes) {
            try {
                RecordMetadata metadata = write.sent.get();
                write.position = metadata.offset() + 1;
                appended.accept(metadata.partition(), write.position);
                written.add(write);
                claims.add(new Claim(write.entry, write.position));
            } catch (ExecutionException e) {
                // not known to be in the log: the reservation stays, and a resend writes the entry again
                RuntimeException failure = unavailable("writing to Kafka", e.getCause());
                write.waiting.forEach(p -> p.result().completeExceptionally(failure));
            }
        }
        Map<Key, Long> canonical;
        try {
            canonical = ids.claim(claims, clock.instant());
        } catch (Exception e) {
            // the records are in the log; the first reader claims them, and a resend answers with that
            RuntimeException failure = unavailable("claiming the positions", e);
            written.forEach(w -> w.waiting.forEach(p -> p.result().completeExceptionally(failure)));
            return;
        }
        for (Write write : written) {
            Position position = new Position(canonical.get(Key.of(write.entry)));
            boolean ours = position.value() == write.position && write.reservedNow;
            for (int i = 0; i < write.waiting.size(); i++) {
                write.waiting.get(i).result().complete(new Appended(write.entry.at(position), !ours || i > 0));
            }
        }
    }

    private static RuntimeException unavailable(String doing, Throwable cause) {
        return new IllegalStateException("the message log is unavailable (" + doing + "): " + cause.getMessage()
                + "; send again", cause);
    }

    private static void fail(List<Pending> pending, RuntimeException failure) {
        pending.forEach(p -> p.result().completeExceptionally(failure));
    }
}
