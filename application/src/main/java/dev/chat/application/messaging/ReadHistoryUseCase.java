package dev.chat.application.messaging;

import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Position;

/**
 * Inbound port: a chat's messages a page at a time, read forwards from a position (catching up)
 * or backwards from one (scrolling back from the newest); every page is in the chat's order.
 */
public interface ReadHistoryUseCase {
    int DEFAULT_LIMIT = 50;
    int MAX_LIMIT = 500;

    /** Up to {@code limit} messages after {@code after}; {@code next} continues forwards. */
    HistoryPage after(Caller caller, ChatId chat, Position after, int limit);

    /**
     * The {@code limit} messages just before {@code before} (a position beyond the chat's last gives
     * the newest page), oldest first; {@code previous} continues backwards.
     */
    HistoryPage before(Caller caller, ChatId chat, Position before, int limit);
}
