package dev.chat.application.messaging;

import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Position;

/** Inbound port: the messages of a chat after a position, a page at a time, in the chat's order. */
public interface ReadHistoryUseCase {
    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 500;

    HistoryPage after(Caller caller, ChatId chat, Position after, int limit);
}
