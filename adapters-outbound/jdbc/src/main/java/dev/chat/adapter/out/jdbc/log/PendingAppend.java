package dev.chat.adapter.out.jdbc.log;

import dev.chat.application.port.MessageLog.Appended;
import dev.chat.application.port.MessageLog.Entry;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** An append on its way through the writer: the entry, the caller's future, and the batch's verdict on it. */
final class PendingAppend {
    /** What makes two appends the same message: chat, sender and the client's message id. */
    record Key(ChatId chat, UserId sender, ClientMessageId clientMessageId) {
    }

    final Entry entry;
    final Key key;
    final CompletableFuture<Appended> result = new CompletableFuture<>();
    /** The message at the position the writer gave it, when it leads its key in the batch. */
    Message message;
    /** Later appends of the same key in the same batch: they get whatever this one gets. */
    final List<PendingAppend> repeats = new ArrayList<>(0);
    private Appended outcome;
    private Throwable failure;

    PendingAppend(Entry entry) {
        this.entry = entry;
        this.key = new Key(entry.chatId(), entry.sender(), entry.clientMessageId());
    }

    void logged(Message logged, boolean duplicate) {
        outcome = new Appended(logged, duplicate);
        repeats.forEach(repeat -> repeat.logged(logged, true));
    }

    void failed(Throwable cause) {
        failure = cause;
        repeats.forEach(repeat -> repeat.failed(cause));
    }

    boolean isResolved() {
        return outcome != null || failure != null;
    }

    /** Completes the caller's future with the verdict; repeats are completed by the batch they are in. */
    void complete() {
        if (outcome != null) {
            result.complete(outcome);
        } else {
            result.completeExceptionally(failure != null ? failure
                    : new IllegalStateException("the message log dropped an append without a verdict"));
        }
    }
}
