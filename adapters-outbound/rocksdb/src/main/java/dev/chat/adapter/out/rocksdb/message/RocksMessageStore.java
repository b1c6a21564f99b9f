package dev.chat.adapter.out.rocksdb.message;

import dev.chat.adapter.out.rocksdb.RocksMessages;
import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@link MessageStore} of the embedded default on RocksDB ({@code messages}: chat + position →
 * message), the single-machine counterpart of the Cassandra table: writes are appends to a
 * memtable and a write-ahead log, history pages are one ordered scan. Messages older than
 * {@code chat.messages.retention} are deleted by a periodic sweep, chat by chat, with range deletes.
 */
@Singleton
@Requires(property = "chat.messages.backend", value = "rocksdb")
public final class RocksMessageStore implements MessageStore {
    private static final Logger LOG = LoggerFactory.getLogger(RocksMessageStore.class);

    private final RocksMessages messages;
    private final Duration retention;

    public RocksMessageStore(RocksMessages messages, @Value("${chat.messages.retention:30d}") Duration retention) {
        this.messages = messages;
        this.retention = retention;
    }

    @Override
    public void storeAll(List<Message> batch) {
        messages.storeAll(batch);
    }

    @Override
    public List<Message> after(ChatId chat, Position after, int limit) {
        return messages.after(chat, after.value(), limit);
    }

    @Override
    public List<Message> before(ChatId chat, Position before, int limit) {
        return messages.before(chat, before.value(), limit);
    }

    @Override
    public Optional<Message> latest(ChatId chat) {
        return messages.latest(chat);
    }

    @Override
    public int countUnread(ChatId chat, Position after, UserId reader, int cap) {
        return messages.countFromOthers(chat, after.value(), reader, cap);
    }

    /** Deletes the messages sent before {@code now} minus the retention; returns how many. */
    public long deleteOlderThanRetention(Instant now) {
        long deleted = messages.deleteSentBefore(now.minus(retention));
        if (deleted > 0) {
            LOG.info("deleted {} messages older than {}", deleted, retention);
        }
        return deleted;
    }

    @Scheduled(fixedDelay = "${chat.retention.sweep-interval:1h}", initialDelay = "${chat.retention.sweep-interval:1h}")
    void sweep() {
        try {
            deleteOlderThanRetention(Instant.now());
        } catch (RuntimeException e) {
            LOG.warn("retention sweep of messages failed, next try in one interval: {}", e.getMessage());
        }
    }
}
