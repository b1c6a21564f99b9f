package dev.chat.application.chats;

import dev.chat.domain.chat.Chat;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;

import java.util.Optional;

/** A line of a user's chat list: the chat, its latest message and what this device has not read. */
public record ChatSummary(Chat chat, Optional<Message> lastMessage, int unread, Position acknowledged) {
}
