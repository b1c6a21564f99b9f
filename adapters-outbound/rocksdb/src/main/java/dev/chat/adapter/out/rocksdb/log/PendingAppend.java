package dev.chat.adapter.out.rocksdb.log;

import dev.chat.adapter.out.rocksdb.IdempotencyKey;
import dev.chat.application.port.MessageLog.Appended;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;

import java.util.concurrent.CompletableFuture;

/** An append waiting for its group commit: the entry, the caller's future and, once decided, its outcome. */
final class PendingAppend {
    /**
     * What makes two appends the same message: chat, sender and the client's message id. The hash
     * is computed once: the writer looks each key up several times, on its own thread.
     */
    record Key(ChatId chat, UserId sender, ClientMessageId clientMessageId, int hash) implements IdempotencyKey {
        Key(ChatId chat, UserId sender, ClientMessageId clientMessageId) {
            this(chat, sender, clientMessageId, 31 * (31 * chat.hashCode() + sender.hashCode())
                    + clientMessageId.hashCode());
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && hash == key.hash && chat.equals(key.chat)
                    && sender.equals(key.sender) && clientMessageId.equals(key.clientMessageId);
        }
    }

    final Entry entry;
    final Key key;
    final CompletableFuture<Appended> result = new CompletableFuture<>();
    /** The message at the position the writer gave it, until its batch is durable. */
    Message assigned;
    private Appended outcome;
    private Throwable failure;

    PendingAppend(Entry entry) {
        this.entry = entry;
        this.key = new Key(entry.chatId(), entry.sender(), entry.clientMessageId());
    }

    void decide(Message logged, boolean duplicate) {
        outcome = new Appended(logged, duplicate);
    }

    void fail(Throwable cause) {
        failure = cause;
    }

    boolean decided() {
        return outcome != null || failure != null;
    }

    /** Completes the caller's future with the outcome; called off the writer thread. */
    void complete() {
        if (outcome != null) {
            result.complete(outcome);
        } else {
            result.completeExceptionally(failure != null ? failure
                    : new IllegalStateException("the message log dropped an append without an outcome"));
        }
    }
}
