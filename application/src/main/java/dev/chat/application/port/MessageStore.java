package dev.chat.application.port;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.Optional;

/** Outbound port: the chat contents (the seed's Cassandra table; H2 on the embedded default). */
public interface MessageStore {
    /** Stores messages; storing a message again (same chat and position) changes nothing. */
    void storeAll(List<Message> messages);

    /** Up to {@code limit} messages of the chat after {@code after}, in position order. */
    List<Message> after(ChatId chat, Position after, int limit);

    /**
     * Up to {@code limit} messages of the chat at positions strictly before {@code before}, NEWEST
     * FIRST: the page that ends just before {@code before}, in reverse position order, so that a
     * store can stop reading as soon as it has {@code limit} of them.
     */
    List<Message> before(ChatId chat, Position before, int limit);

    Optional<Message> latest(ChatId chat);

    /** How many messages after {@code after} were sent by someone other than {@code reader}, up to {@code cap}. */
    int countUnread(ChatId chat, Position after, UserId reader, int cap);
}
