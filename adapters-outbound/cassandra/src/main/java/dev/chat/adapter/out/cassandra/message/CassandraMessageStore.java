package dev.chat.adapter.out.cassandra.message;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.Statement;
import dev.chat.adapter.out.cassandra.CassandraFailure;
import dev.chat.adapter.out.cassandra.CassandraSettings;
import dev.chat.adapter.out.cassandra.Statements;
import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@link MessageStore} on the seed's chat contents table: one partition per chat and month of
 * sentAt, rows in position order, every row written with a TTL so that Cassandra expires it (the
 * project never deletes a message). {@code chat_months} tells a reader which partitions to read; a
 * read asks every month of the chat at once and merges by position, so a page is in the chat's
 * order even where sentAt and position disagree near a month boundary (clock skew between gateways).
 */
@Singleton
@Primary
@Requires(property = "chat.cassandra.enabled", value = "true")
public final class CassandraMessageStore implements MessageStore {
    /** A month is announced for one day longer than its messages live, so it never vanishes first. */
    private static final int MONTH_TTL_MARGIN_SECONDS = (int) TimeUnit.DAYS.toSeconds(1);
    private static final int UNREAD_PAGE_SIZE = 1_000;
    private static final int BATCH_BYTES = 5 * 1024;

    private final CqlSession session;
    private final int ttlSeconds;
    private final int monthTtlSeconds;
    private final PreparedStatement insertMessage;
    private final PreparedStatement insertMonth;
    private final PreparedStatement selectMonths;
    private final PreparedStatement selectAfter;
    private final PreparedStatement selectBefore;
    private final PreparedStatement selectLatest;
    private final PreparedStatement selectSendersAfter;

    public CassandraMessageStore(CqlSession session, CassandraSettings settings) {
        this.session = session;
        this.ttlSeconds = settings.ttlSeconds();
        this.monthTtlSeconds = (int) Math.min(630_720_000L, (long) ttlSeconds + MONTH_TTL_MARGIN_SECONDS);
        try {
            insertMessage = session.prepare(MessageRows.INSERT);
            insertMonth = session.prepare("INSERT INTO chat_months (chat_id, month) VALUES (?, ?) USING TTL ?");
            selectMonths = session.prepare("SELECT month FROM chat_months WHERE chat_id = ?");
            selectAfter = session.prepare("SELECT " + MessageRows.COLUMNS
                    + " FROM messages WHERE chat_id = ? AND month = ? AND position > ? LIMIT ?");
            selectBefore = session.prepare("SELECT " + MessageRows.COLUMNS
                    + " FROM messages WHERE chat_id = ? AND month = ? AND position < ? ORDER BY position DESC LIMIT ?");
            selectLatest = session.prepare("SELECT " + MessageRows.COLUMNS
                    + " FROM messages WHERE chat_id = ? AND month = ? ORDER BY position DESC LIMIT 1");
            selectSendersAfter = session.prepare(
                    "SELECT sender_id FROM messages WHERE chat_id = ? AND month = ? AND position > ?");
        } catch (RuntimeException e) {
            throw new CassandraFailure("preparing the message statements", e);
        }
    }

    @Override
    public void storeAll(List<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        Map<ChatMonth, List<Message>> byPartition = new LinkedHashMap<>();
        for (Message message : messages) {
            byPartition.computeIfAbsent(new ChatMonth(message.chatId().value(), Month.of(message.sentAt())),
                    p -> new ArrayList<>()).add(message);
        }
        List<Statement<?>> inserts = new ArrayList<>();
        byPartition.values().forEach(partition -> inserts.addAll(batchesOf(partition)));
        try {
            // months first: a reader who finds a message can always find its month
            Statements.executeAll(session, byPartition.keySet().stream()
                    .map(month -> insertMonth.bind(month.chat(), month.month(), monthTtlSeconds)).toList());
            Statements.executeAll(session, inserts);
        } catch (RuntimeException e) {
            throw new CassandraFailure("storing " + messages.size() + " messages", e);
        }
    }

    /**
     * One partition's inserts as unlogged batches: a batch within one partition is one mutation on
     * one replica set, so a replay writes the same rows and many messages cost about one insert.
     * Each batch stays under Cassandra's batch size warning (5 KB by default).
     */
    private List<Statement<?>> batchesOf(List<Message> partition) {
        List<Statement<?>> statements = new ArrayList<>();
        List<BatchableStatement<?>> batch = new ArrayList<>();
        int bytes = 0;
        for (Message message : partition) {
            int size = MessageRows.approximateBytes(message);
            if (!batch.isEmpty() && bytes + size > BATCH_BYTES) {
                statements.add(batch.size() == 1 ? batch.get(0) : BatchStatement.newInstance(BatchType.UNLOGGED, batch));
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(MessageRows.insert(insertMessage, message, ttlSeconds));
            bytes += size;
        }
        if (!batch.isEmpty()) {
            statements.add(batch.size() == 1 ? batch.get(0) : BatchStatement.newInstance(BatchType.UNLOGGED, batch));
        }
        return statements;
    }

    @Override
    public List<Message> after(ChatId chat, Position after, int limit) {
        if (limit <= 0) {
            return List.of();
        }
        try {
            List<CompletableFuture<List<Row>>> pages = new ArrayList<>();
            for (int month : months(chat)) {
                pages.add(Statements.allRows(session.executeAsync(
                        selectAfter.bind(chat.value(), month, after.value(), limit))).toCompletableFuture());
            }
            TreeMap<Long, Message> merged = new TreeMap<>();
            for (CompletableFuture<List<Row>> page : pages) {
                for (Row row : page.join()) {
                    Message message = MessageRows.read(row);
                    merged.putIfAbsent(message.position().value(), message);
                }
            }
            return merged.values().stream().limit(limit).toList();
        } catch (RuntimeException e) {
            throw new CassandraFailure("reading messages", e);
        }
    }

    /**
     * Like {@link #after}, backwards: each month's partition is read from just below {@code before}
     * in reverse clustering order, at most {@code limit} rows, and the months are merged newest first.
     * Every month is asked, not only the newest until the page is full, because near a month boundary
     * an earlier month can hold a later position (a sender's clock ahead); months live only as long
     * as the TTL, so there are few of them.
     */
    @Override
    public List<Message> before(ChatId chat, Position before, int limit) {
        if (limit <= 0 || before.equals(Position.START)) {
            return List.of();
        }
        try {
            List<CompletableFuture<List<Row>>> pages = new ArrayList<>();
            for (int month : months(chat)) {
                pages.add(Statements.allRows(session.executeAsync(
                        selectBefore.bind(chat.value(), month, before.value(), limit))).toCompletableFuture());
            }
            TreeMap<Long, Message> merged = new TreeMap<>(Comparator.reverseOrder());
            for (CompletableFuture<List<Row>> page : pages) {
                for (Row row : page.join()) {
                    Message message = MessageRows.read(row);
                    merged.putIfAbsent(message.position().value(), message);
                }
            }
            return merged.values().stream().limit(limit).toList();
        } catch (RuntimeException e) {
            throw new CassandraFailure("reading messages", e);
        }
    }

    @Override
    public Optional<Message> latest(ChatId chat) {
        try {
            List<CompletableFuture<List<Row>>> lasts = new ArrayList<>();
            for (int month : months(chat)) {
                lasts.add(Statements.allRows(session.executeAsync(selectLatest.bind(chat.value(), month)))
                        .toCompletableFuture());
            }
            Message latest = null;
            for (CompletableFuture<List<Row>> last : lasts) {
                for (Row row : last.join()) {
                    Message message = MessageRows.read(row);
                    if (latest == null || message.position().isAfter(latest.position())) {
                        latest = message;
                    }
                }
            }
            return Optional.ofNullable(latest);
        } catch (RuntimeException e) {
            throw new CassandraFailure("reading the latest message", e);
        }
    }

    @Override
    public int countUnread(ChatId chat, Position after, UserId reader, int cap) {
        if (cap <= 0) {
            return 0;
        }
        try {
            int unread = 0;
            for (int month : months(chat)) {
                // CQL has no "sender <> ?": read only the sender column and count here, stopping at the cap
                BoundStatement senders = selectSendersAfter.bind(chat.value(), month, after.value())
                        .setPageSize(Math.min(UNREAD_PAGE_SIZE, Math.max(cap, 100)));
                for (Row row : session.execute(senders)) {
                    if (!reader.value().equals(row.getUuid(0)) && ++unread >= cap) {
                        return cap;
                    }
                }
            }
            return unread;
        } catch (RuntimeException e) {
            throw new CassandraFailure("counting unread messages", e);
        }
    }

    /** The months of the chat that still hold messages, oldest first. */
    private List<Integer> months(ChatId chat) {
        List<Integer> months = new ArrayList<>();
        for (Row row : session.execute(selectMonths.bind(chat.value()))) {
            months.add(row.getInt(0));
        }
        return months;
    }

    private record ChatMonth(UUID chat, int month) {
    }
}
