package dev.chat.application.port;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessageBody;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Outbound port: the durable, ordered log every accepted message goes through (the seed's Kafka
 * topic partitioned by chat; an in-process durable log on the embedded default).
 *
 * <p>Guarantees an adapter must keep (checked by the contract test):
 * <ul>
 *   <li>{@link #append} completes only once the message is durable: it survives a crash.</li>
 *   <li>The log assigns the position; positions are strictly increasing within a chat.</li>
 *   <li>Appending again with the same chat, sender and client message id returns the first
 *       append's message (same id and position) and adds nothing.</li>
 *   <li>Each subscription's consumer sees every appended message at least once, in position order
 *       within a chat, also after a restart (it resumes after the last batch it returned from); a
 *       follower sees a message only after its leader's consumer returned from it.</li>
 *   <li>No consumer is offered a message above {@link #head(ChatId)} of its chat at that moment.</li>
 * </ul>
 */
public interface MessageLog {
    /**
     * A message not yet in the log: everything but its position. {@code chatVersion} is the chat's
     * version its sender's membership was checked at ({@link dev.chat.domain.chat.Chat#version()}):
     * a fan-out that reads memberships from a table kept by change data capture waits until that
     * table has reached it, so the message is ordered after every membership change the sender's
     * check saw. 0 when unknown; a log may keep it or not (the in-process logs, whose fan-out reads
     * the metadata store, do not).
     */
    record Entry(MessageId id, ChatId chatId, UserId sender, DeviceId senderDevice,
                 ClientMessageId clientMessageId, MessageBody body, Instant sentAt, long chatVersion) {
        public Entry {
            if (chatVersion < 0) {
                throw new IllegalArgumentException("a chat version is 0 (unknown) or more: " + chatVersion);
            }
        }

        /** An entry whose chat version is unknown. */
        public Entry(MessageId id, ChatId chatId, UserId sender, DeviceId senderDevice,
                     ClientMessageId clientMessageId, MessageBody body, Instant sentAt) {
            this(id, chatId, sender, senderDevice, clientMessageId, body, sentAt, 0);
        }

        public Message at(Position position) {
            return new Message(id, chatId, position, sender, senderDevice, clientMessageId, body, sentAt);
        }
    }

    /** What an append returns: the message as logged, and whether it had been logged already. */
    record Appended(Message message, boolean duplicate) {
    }

    /** Receives logged messages in order; returns when it has handled them durably. */
    @FunctionalInterface
    interface Consumer {
        void accept(List<Message> batch);
    }

    /**
     * A named reader of the log with its own durable position (a Kafka consumer group). A
     * subscription {@code after} another is offered only what that one has returned from: delivery
     * follows storing, so a device is never offered a message that catch-up could not find in the
     * store. When the leader has no consumer yet, its follower waits.
     */
    record Subscription(String name, Optional<String> after) {
        public Subscription {
            Objects.requireNonNull(name, "subscription name");
            Objects.requireNonNull(after, "leading subscription");
            if (!name.matches("[a-z][a-z0-9.-]{0,63}")) {
                throw new IllegalArgumentException("a subscription name is 1 to 64 of a-z, 0-9, '.', '-': " + name);
            }
        }

        public static Subscription named(String name) {
            return new Subscription(name, Optional.empty());
        }

        /** This subscription, offered only what {@code leader} has handled. */
        public Subscription after(Subscription leader) {
            return new Subscription(name, Optional.of(leader.name()));
        }
    }

    CompletionStage<Appended> append(Entry entry);

    /**
     * A position that every message appended to {@code chat} from now on will be after: where a
     * member who joins now starts, and the highest position a device may acknowledge. It counts
     * durable messages only (a position given to an append that failed is not a head, so it is never
     * handed out again after a restart), and it is never below a message a subscription is being
     * offered: a consumer that reads {@code head(message.chatId())} while it handles a message finds
     * it at or after that message's position. A log whose positions are per partition (Kafka
     * offsets) answers with the head of the chat's partition; the in-process logs, whose positions
     * are global, answer with the global durable head.
     */
    Position head(ChatId chat);

    /**
     * Whether {@code position} is at or below {@link #head(ChatId) head(chat)}: what a device may
     * acknowledge. A log that must ask a broker for the head answers from what it knows when that
     * suffices (a position it appended or handed to a consumer), so an acknowledgement of a message
     * it was just given costs no round trip.
     */
    default boolean hasReached(ChatId chat, Position position) {
        return !position.isAfter(head(chat));
    }

    /**
     * Starts feeding the subscription's consumer, first with what the subscription has not yet
     * handled (after a restart: everything after the last batch it returned from). Batches come
     * in position order within a chat, at least once; the subscription's position is recorded after
     * the consumer returns. A subscription {@link Subscription#after after} a leader is offered a
     * message only once the leader's consumer has returned from it; while the leader has no consumer
     * on this log, its follower is fed nothing. One consumer per subscription on one log instance:
     * subscribing a name that already has a consumer throws {@link IllegalStateException}. A log
     * shared by many nodes (Kafka) shares a subscription's partitions among the nodes' consumers.
     */
    void subscribe(Subscription subscription, Consumer consumer);

    /** Messages appended (durably) but not yet handled by the subscription, whether or not it has a consumer now. */
    long backlog(Subscription subscription);
}
