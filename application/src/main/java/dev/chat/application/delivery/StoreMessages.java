package dev.chat.application.delivery;

import dev.chat.application.port.MessageLog;
import dev.chat.application.port.MessageStore;
import dev.chat.domain.message.Message;

import java.util.List;

/** The log's {@link LogSubscriptions#STORE} consumer: writes each batch to the chat contents, idempotently. */
public final class StoreMessages implements MessageLog.Consumer {
    private final MessageStore store;

    public StoreMessages(MessageStore store) {
        this.store = store;
    }

    @Override
    public void accept(List<Message> batch) {
        store.storeAll(batch);
    }
}
