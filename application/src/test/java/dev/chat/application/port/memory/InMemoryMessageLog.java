package dev.chat.application.port.memory;

import dev.chat.application.port.MessageLog;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Thread-safe in-memory {@link MessageLog} for use-case tests. It calls its consumer synchronously,
 * inside {@link #append}, so a test sees the pipeline's effects as soon as append returns. A
 * consumer that throws keeps its messages pending: they are offered again on the next append.
 */
public final class InMemoryMessageLog implements MessageLog {
    private record Key(ChatId chat, UserId sender, ClientMessageId clientMessageId) {
    }

    /** What survives a simulated restart: the entries and the consumer's position. */
    private static final class Durable {
        final List<Message> entries = new ArrayList<>();
        final Map<Key, Message> byKey = new HashMap<>();
        long head;
        long consumed;
    }

    private final Durable durable;
    private Consumer consumer;

    public InMemoryMessageLog() {
        this(new Durable());
    }

    private InMemoryMessageLog(Durable durable) {
        this.durable = durable;
    }

    /** The same log as a process restart would find it: entries and consumer position kept, no consumer. */
    public InMemoryMessageLog restarted() {
        synchronized (durable) {
            consumer = null;
            return new InMemoryMessageLog(durable);
        }
    }

    @Override
    public CompletionStage<Appended> append(Entry entry) {
        synchronized (durable) {
            Key key = new Key(entry.chatId(), entry.sender(), entry.clientMessageId());
            Message original = durable.byKey.get(key);
            if (original != null) {
                return CompletableFuture.completedFuture(new Appended(original, true));
            }
            Message message;
            try {
                message = entry.at(new Position(durable.head + 1));
            } catch (RuntimeException invalid) {
                return CompletableFuture.failedFuture(invalid);
            }
            durable.head++;
            durable.entries.add(message);
            durable.byKey.put(key, message);
            deliverPending();
            return CompletableFuture.completedFuture(new Appended(message, false));
        }
    }

    @Override
    public Position head() {
        synchronized (durable) {
            return new Position(durable.head);
        }
    }

    @Override
    public void start(Consumer consumer) {
        synchronized (durable) {
            if (this.consumer != null) {
                throw new IllegalStateException("the log already has a consumer");
            }
            this.consumer = consumer;
            deliverPending();
        }
    }

    @Override
    public long backlog() {
        synchronized (durable) {
            return durable.head - durable.consumed;
        }
    }

    /** Every message logged so far, in position order. */
    public List<Message> entries() {
        synchronized (durable) {
            return List.copyOf(durable.entries);
        }
    }

    private void deliverPending() {
        if (consumer == null) {
            return;
        }
        List<Message> pending = durable.entries.stream()
                .filter(message -> message.position().value() > durable.consumed).toList();
        if (pending.isEmpty()) {
            return;
        }
        try {
            consumer.accept(pending);
            durable.consumed = pending.get(pending.size() - 1).position().value();
        } catch (RuntimeException failed) {
            // kept pending: offered again on the next append, as a real log retries
        }
    }
}
