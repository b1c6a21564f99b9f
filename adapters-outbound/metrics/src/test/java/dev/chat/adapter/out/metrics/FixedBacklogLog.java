package dev.chat.adapter.out.metrics;

import dev.chat.application.port.MessageLog;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Position;

import java.util.concurrent.CompletionStage;

/** A message log that only answers its backlog: the source of the pending-messages gauges. */
final class FixedBacklogLog implements MessageLog {
    private final long store;
    private final long delivery;

    FixedBacklogLog(long store, long delivery) {
        this.store = store;
        this.delivery = delivery;
    }

    @Override
    public CompletionStage<Appended> append(Entry entry) {
        throw new IllegalStateException("not used by the metrics");
    }

    @Override
    public Position head(ChatId chat) {
        return Position.START;
    }

    @Override
    public void subscribe(Subscription subscription, Consumer consumer) {
        throw new IllegalStateException("not used by the metrics");
    }

    @Override
    public long backlog(Subscription subscription) {
        return subscription.name().equals("store") ? store : delivery;
    }
}
