package dev.chat.adapter.out.rocksdb;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The {@code messages} column family: chat + position → message. */
public final class RocksMessages {
    private static final int DELETE_BATCH = 10_000;

    private final RocksStorage storage;

    public RocksMessages(RocksStorage storage) {
        this.storage = storage;
    }

    // every call holds the storage open: none runs on a closed database (a native crash)

    public void storeAll(List<Message> batch) {
        storage.guarded(() -> {
            storeAllNow(batch);
            return null;
        });
    }

    public List<Message> after(ChatId chat, long after, int limit) {
        return storage.guarded(() -> afterNow(chat, after, limit));
    }

    /** Up to {@code limit} messages of the chat before {@code before}, newest first. */
    public List<Message> before(ChatId chat, long before, int limit) {
        return storage.guarded(() -> beforeNow(chat, before, limit));
    }

    public Optional<Message> latest(ChatId chat) {
        return storage.guarded(() -> latestNow(chat));
    }

    public int countFromOthers(ChatId chat, long after, UserId reader, int cap) {
        return storage.guarded(() -> countFromOthersNow(chat, after, reader, cap));
    }

    public long deleteSentBefore(Instant cutoff) {
        return storage.guarded(() -> deleteSentBeforeNow(cutoff));
    }

    /**
     * Stores the messages (again, harmlessly, if they were). Not synced: they come from the durable
     * log, whose consumer replays them after a crash.
     */
    private void storeAllNow(List<Message> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try (WriteBatch write = new WriteBatch()) {
            for (Message message : batch) {
                write.put(storage.messages(), Keys.chatPosition(message.chatId(), message.position().value()),
                        MessageCodec.encode(message));
            }
            storage.write(write);
        } catch (RocksDBException e) {
            throw RocksFailure.of("storing " + batch.size() + " messages", e);
        }
    }

    private List<Message> afterNow(ChatId chat, long after, int limit) {
        List<Message> page = new ArrayList<>(Math.min(Math.max(limit, 0), 256));
        if (limit <= 0 || after == Long.MAX_VALUE) {
            return page;
        }
        try (ChatScan scan = ChatScan.of(chat);
             RocksIterator rows = storage.iterator(storage.messages(), scan.options())) {
            for (rows.seek(Keys.chatPosition(chat, after + 1)); rows.isValid() && page.size() < limit; rows.next()) {
                page.add(MessageCodec.decode(rows.value()));
            }
            status(rows, "reading messages");
        }
        return page;
    }

    /**
     * Backwards from the last key below {@code before}: seekForPrev lands on the greatest key at or
     * under its target, and the chat's lower bound stops prev at the chat's first message.
     */
    private List<Message> beforeNow(ChatId chat, long before, int limit) {
        List<Message> page = new ArrayList<>(Math.min(Math.max(limit, 0), 256));
        if (limit <= 0 || before <= 0) {
            return page;
        }
        try (ChatScan scan = ChatScan.of(chat);
             RocksIterator rows = storage.iterator(storage.messages(), scan.options())) {
            for (rows.seekForPrev(Keys.chatPosition(chat, before - 1)); rows.isValid() && page.size() < limit;
                 rows.prev()) {
                page.add(MessageCodec.decode(rows.value()));
            }
            status(rows, "reading messages");
        }
        return page;
    }

    private Optional<Message> latestNow(ChatId chat) {
        try (ChatScan scan = ChatScan.of(chat);
             RocksIterator rows = storage.iterator(storage.messages(), scan.options())) {
            rows.seekToLast();
            Optional<Message> latest = rows.isValid() ? Optional.of(MessageCodec.decode(rows.value())) : Optional.empty();
            status(rows, "reading the latest message");
            return latest;
        }
    }

    /** How many messages after {@code after} were sent by someone other than {@code reader}, up to {@code cap}. */
    private int countFromOthersNow(ChatId chat, long after, UserId reader, int cap) {
        if (cap <= 0 || after == Long.MAX_VALUE) {
            return 0;
        }
        int count = 0;
        try (ChatScan scan = ChatScan.of(chat);
             RocksIterator rows = storage.iterator(storage.messages(), scan.options())) {
            for (rows.seek(Keys.chatPosition(chat, after + 1)); rows.isValid() && count < cap; rows.next()) {
                if (!MessageCodec.sender(rows.value()).equals(reader.value())) {
                    count++;
                }
            }
            status(rows, "counting unread messages");
        }
        return count;
    }

    /**
     * Deletes every message sent before {@code cutoff}. Positions grow with time within a chat, so
     * each chat's old messages are a prefix of its range: the sweep reads up to the first young one,
     * deletes the prefix with one range delete and jumps to the next chat.
     */
    private long deleteSentBeforeNow(Instant cutoff) {
        long deleted = 0;
        try (ReadOptions read = new ReadOptions().setFillCache(false);
             RocksIterator rows = storage.iterator(storage.messages(), read)) {
            rows.seekToFirst();
            while (rows.isValid()) {
                byte[] first = rows.key();
                byte[] chat = Arrays.copyOf(first, Keys.UUID_BYTES);
                byte[] endOfOld = null;
                long inChat = 0;
                while (rows.isValid() && Keys.ofChat(rows.key(), chat)
                        && MessageCodec.sentAt(rows.value()).isBefore(cutoff)) {
                    endOfOld = rows.key();
                    inChat++;
                    rows.next();
                    if (inChat % DELETE_BATCH == 0) {
                        storage.deleteRange(storage.messages(), first, successor(endOfOld));
                        first = successor(endOfOld);
                    }
                }
                if (endOfOld != null && inChat % DELETE_BATCH != 0) {
                    storage.deleteRange(storage.messages(), first, successor(endOfOld));
                }
                deleted += inChat;
                byte[] nextChat = nextChat(chat);
                if (nextChat == null) {
                    break;
                }
                rows.seek(nextChat);
            }
            status(rows, "sweeping old messages");
        } catch (RocksDBException e) {
            throw RocksFailure.of("deleting old messages", e);
        }
        return deleted;
    }

    /** Read options that confine an iterator to one chat's keys (so that seekToLast finds the chat's latest). */
    private record ChatScan(ReadOptions options, Slice lower, Slice upper) implements AutoCloseable {
        static ChatScan of(ChatId chat) {
            byte[] prefix = Keys.chatPrefix(chat);
            Slice lower = new Slice(prefix);
            byte[] next = nextChat(prefix);
            Slice upper = next == null ? null : new Slice(next);
            ReadOptions options = new ReadOptions().setIterateLowerBound(lower);
            return new ChatScan(upper == null ? options : options.setIterateUpperBound(upper), lower, upper);
        }

        @Override
        public void close() {
            options.close();
            lower.close();
            if (upper != null) {
                upper.close();
            }
        }
    }

    /** The smallest key after every key starting with {@code prefix}; null when there is none. */
    static byte[] nextChat(byte[] prefix) {
        byte[] next = Arrays.copyOf(prefix, Keys.UUID_BYTES);
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xFF) {
                next[i]++;
                Arrays.fill(next, i + 1, next.length, (byte) 0);
                return next;
            }
        }
        return null;
    }

    /** The smallest key after {@code key}. */
    static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    static void status(RocksIterator rows, String doing) {
        try {
            rows.status();
        } catch (RocksDBException e) {
            throw RocksFailure.of(doing, e);
        }
    }
}
