package dev.chat.adapter.out.rocksdb;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The message log's records: {@code log} (position → message), {@code client_ids} (the idempotency
 * keys) and {@code consumers} (how far each consumer got).
 */
public final class RocksLogRecords {
    private static final int DELETE_BATCH = 5_000;

    private final RocksStorage storage;

    public RocksLogRecords(RocksStorage storage) {
        this.storage = storage;
    }

    // every call holds the storage open: none runs on a closed database (a native crash)

    public void appendDurably(List<Message> messages) {
        storage.guarded(() -> {
            appendDurablyNow(messages);
            return null;
        });
    }

    public Optional<Message> findByClientId(ChatId chat, UserId sender, ClientMessageId clientId) {
        return storage.guarded(() -> findByClientIdNow(chat, sender, clientId));
    }

    /**
     * For each key, in order, the logged message with it, or null: the lookups of a group commit in one
     * batched read, which probes each file's filter once for all the keys instead of once per key.
     */
    public List<Message> findByClientIds(List<? extends IdempotencyKey> keys) {
        return storage.guarded(() -> findByClientIdsNow(keys));
    }

    public List<Message> readAfter(long after, long upTo, int limit) {
        return storage.guarded(() -> readAfterNow(after, upTo, limit));
    }

    public long lastPosition() {
        return storage.guarded(() -> lastPositionNow());
    }

    /** Every recorded consumer (subscription) and its position. */
    public Map<String, Long> consumerPositions() {
        return storage.guarded(this::consumerPositionsNow);
    }

    public void recordConsumer(String consumer, long position) {
        storage.guarded(() -> {
            recordConsumerNow(consumer, position);
            return null;
        });
    }

    public long deleteConsumedBefore(long consumedUpTo, Instant cutoff) {
        return storage.guarded(() -> deleteConsumedBeforeNow(consumedUpTo, cutoff));
    }

    /** Adds the messages and their idempotency keys in one write, synced to the disk before it returns. */
    private void appendDurablyNow(List<Message> messages) {
        try (WriteBatch write = new WriteBatch()) {
            for (Message message : messages) {
                write.put(storage.log(), Keys.position(message.position().value()), MessageCodec.encode(message));
                write.put(storage.clientIds(), clientKey(message.chatId(), message.sender(), message.clientMessageId()),
                        Keys.position(message.position().value()));
            }
            storage.writeDurably(write);
        } catch (RocksDBException e) {
            throw RocksFailure.of("appending " + messages.size() + " messages to the log", e);
        }
    }

    /** The logged message with this idempotency key, while the log keeps it. */
    private Optional<Message> findByClientIdNow(ChatId chat, UserId sender, ClientMessageId clientId) {
        try {
            byte[] position = storage.get(storage.clientIds(), clientKey(chat, sender, clientId));
            if (position == null) {
                return Optional.empty();
            }
            byte[] entry = storage.get(storage.log(), position);
            return entry == null ? Optional.empty() : Optional.of(MessageCodec.decode(entry));
        } catch (RocksDBException e) {
            throw RocksFailure.of("looking up a client message id", e);
        }
    }

    private List<Message> findByClientIdsNow(List<? extends IdempotencyKey> keys) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<byte[]> clientKeys = new ArrayList<>(keys.size());
        for (IdempotencyKey key : keys) {
            clientKeys.add(clientKey(key.chat(), key.sender(), key.clientMessageId()));
        }
        try {
            List<byte[]> positions = storage.getAll(storage.clientIds(), clientKeys);
            List<Message> found = new ArrayList<>(keys.size());
            for (byte[] position : positions) {
                // a hit is a resent message, rare: its entry is read on its own
                byte[] entry = position == null ? null : storage.get(storage.log(), position);
                found.add(entry == null ? null : MessageCodec.decode(entry));
            }
            return found;
        } catch (RocksDBException e) {
            throw RocksFailure.of("looking up " + keys.size() + " client message ids", e);
        }
    }

    /**
     * Up to {@code limit} entries after {@code after} and at most at {@code upTo}, in position order.
     * The bound matters: an entry the writer has written may not be announced yet, and no reader may
     * see it before it is.
     */
    private List<Message> readAfterNow(long after, long upTo, int limit) {
        long count = Math.min(limit, upTo - after);
        if (count <= 0) {
            return List.of();
        }
        List<Message> page = new ArrayList<>((int) Math.min(count, 1024));
        try (ReadOptions read = new ReadOptions();
             RocksIterator rows = storage.iterator(storage.log(), read)) {
            for (rows.seek(Keys.position(after + 1)); rows.isValid() && page.size() < count; rows.next()) {
                Message message = MessageCodec.decode(rows.value());
                if (message.position().value() > upTo) {
                    break;
                }
                page.add(message);
            }
            RocksMessages.status(rows, "reading the message log");
        }
        return page;
    }

    /** The highest logged position, 0 for an empty log. */
    private long lastPositionNow() {
        try (ReadOptions read = new ReadOptions();
             RocksIterator rows = storage.iterator(storage.log(), read)) {
            rows.seekToLast();
            long last = rows.isValid() ? Keys.position(rows.key()) : 0;
            RocksMessages.status(rows, "reading the log's head");
            return last;
        }
    }

    private Map<String, Long> consumerPositionsNow() {
        Map<String, Long> positions = new LinkedHashMap<>();
        try (ReadOptions read = new ReadOptions();
             RocksIterator rows = storage.iterator(storage.consumers(), read)) {
            for (rows.seekToFirst(); rows.isValid(); rows.next()) {
                positions.put(new String(rows.key(), StandardCharsets.UTF_8), Keys.position(rows.value()));
            }
            RocksMessages.status(rows, "reading the consumers' positions");
        }
        return positions;
    }

    /**
     * Records how far the consumer got. Not synced: if a crash loses it, the consumer is given a few
     * batches again, which delivery tolerates (at least once, deduplicated by position).
     */
    private void recordConsumerNow(String consumer, long position) {
        try (WriteBatch write = new WriteBatch()) {
            write.put(storage.consumers(), utf8(consumer), Keys.position(position));
            storage.write(write);
        } catch (RocksDBException e) {
            throw RocksFailure.of("recording the position of consumer " + consumer, e);
        }
    }

    /**
     * Deletes the entries up to {@code consumedUpTo} logged before {@code cutoff}, with their
     * idempotency keys; returns how many. The scan stops at the first younger or unconsumed entry.
     */
    private long deleteConsumedBeforeNow(long consumedUpTo, Instant cutoff) {
        long deleted = 0;
        try (ReadOptions read = new ReadOptions().setFillCache(false);
             RocksIterator rows = storage.iterator(storage.log(), read)) {
            WriteBatch write = new WriteBatch();
            try {
                for (rows.seekToFirst(); rows.isValid(); rows.next()) {
                    if (Keys.position(rows.key()) > consumedUpTo || !MessageCodec.sentAt(rows.value()).isBefore(cutoff)) {
                        break;
                    }
                    Message old = MessageCodec.decode(rows.value());
                    write.delete(storage.log(), rows.key());
                    write.delete(storage.clientIds(), clientKey(old.chatId(), old.sender(), old.clientMessageId()));
                    if (++deleted % DELETE_BATCH == 0) {
                        storage.write(write);
                        write.close();
                        write = new WriteBatch();
                    }
                }
                RocksMessages.status(rows, "sweeping the message log");
                storage.write(write);
            } finally {
                write.close();
            }
        } catch (RocksDBException e) {
            throw RocksFailure.of("deleting old message log entries", e);
        }
        return deleted;
    }

    private static byte[] clientKey(ChatId chat, UserId sender, ClientMessageId clientId) {
        return Keys.clientId(chat, sender, clientId);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
