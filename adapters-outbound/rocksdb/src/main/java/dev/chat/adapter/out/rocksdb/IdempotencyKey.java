package dev.chat.adapter.out.rocksdb;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.user.UserId;

/** What makes two appends to the log the same message: chat, sender and the client's message id. */
public interface IdempotencyKey {
    ChatId chat();

    UserId sender();

    ClientMessageId clientMessageId();
}
