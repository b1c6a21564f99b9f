package dev.chat.application.messaging;

import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;

import java.util.List;
import java.util.Optional;

/** A page of a chat's history; {@code next} is the cursor for the following page, empty at the end. */
public record HistoryPage(List<Message> messages, Optional<Position> next) {
}
