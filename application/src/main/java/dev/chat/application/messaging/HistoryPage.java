package dev.chat.application.messaging;

import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;

import java.util.List;
import java.util.Optional;

/**
 * A page of a chat's history, its messages oldest first whichever way it was read. A page read
 * forwards ({@code after}) has {@code next}, the cursor for the following page, empty at the end;
 * a page read backwards ({@code before}) has {@code previous}, the cursor for the page before it,
 * empty once nothing older is visible. The other cursor is always empty.
 */
public record HistoryPage(List<Message> messages, Optional<Position> next, Optional<Position> previous) {
    public static HistoryPage forwards(List<Message> messages, Optional<Position> next) {
        return new HistoryPage(messages, next, Optional.empty());
    }

    public static HistoryPage backwards(List<Message> messages, Optional<Position> previous) {
        return new HistoryPage(messages, Optional.empty(), previous);
    }
}
