package dev.chat.application.chats;

import dev.chat.application.delivery.ChatEvents;
import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.ConcurrentChangeException;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.Require;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.user.UserId;

import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.UnaryOperator;

/**
 * What every group change shares: load the group as its member, apply the domain change, store
 * it and tell the devices.
 *
 * <p>No change is lost to a concurrent one, on this node or on another, and nothing is locked: the
 * store saves a group only if it is still the version the change was based on
 * ({@link ChatRepository#saveGroup}). When it is not, the group is read again and the change (a
 * function of the group) applied to the fresh one, so a concurrent rename and addition both
 * survive. A refusal of the model on the fresh group (say, the other change added the same user)
 * is the answer as it is. After {@value #DEFAULT_ATTEMPTS} refused saves the caller is told
 * {@link Rejection#CONFLICT} and may retry; devices hear only of changes that were stored.
 */
public final class GroupChanges {
    static final int DEFAULT_ATTEMPTS = 5;
    /** The longest pause before the second attempt; it doubles with every further attempt. */
    private static final long FIRST_PAUSE_MICROS = 500;

    private final ChatRepository chats;
    private final ChatEvents events;
    private final int attempts;

    public GroupChanges(ChatRepository chats, ChatEvents events) {
        this(chats, events, DEFAULT_ATTEMPTS);
    }

    GroupChanges(ChatRepository chats, ChatEvents events, int attempts) {
        Require.that(attempts >= 1, "at least one attempt");
        this.chats = chats;
        this.events = events;
        this.attempts = attempts;
    }

    Group change(Caller caller, ChatId chatId, UnaryOperator<Group> change,
                 DeviceEvent.ChatChanged.Change kind, UserId subject) {
        Group changed = saveChanged(caller, chatId, change);
        Optional<String> name = kind == DeviceEvent.ChatChanged.Change.RENAMED
                ? Optional.of(changed.name().value()) : Optional.empty();
        events.publish(changed, new DeviceEvent.ChatChanged(chatId, kind, subject, caller.user(), name));
        return changed;
    }

    /** Read, change, save; again on a fresh read while the store refuses a stale version. */
    private Group saveChanged(Caller caller, ChatId chatId, UnaryOperator<Group> change) {
        for (int attempt = 1; ; attempt++) {
            Group group = groupOf(caller, chatId);
            try {
                return chats.saveGroup(change.apply(group));
            } catch (ConcurrentChangeException stale) {
                if (attempt >= attempts) {
                    throw RejectedException.of(Rejection.CONFLICT, "the group changed concurrently; retry");
                }
                pauseBefore(attempt + 1);
            }
        }
    }

    /** A short random pause, so that changes that collided do not collide again in lockstep. */
    private static void pauseBefore(int attempt) {
        long bound = FIRST_PAUSE_MICROS << Math.min(attempt - 2, 4);
        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(1, bound + 1)));
    }

    Group groupOf(Caller caller, ChatId chatId) {
        Chat chat = MemberChats.require(chats, chatId, caller.user());
        if (!(chat instanceof Group group)) {
            throw RejectedException.of(Rejection.NOT_A_GROUP, "this is a direct chat, not a group");
        }
        return group;
    }

    void publishCreated(Group group, Caller caller) {
        events.publish(group, new DeviceEvent.ChatChanged(group.id(), DeviceEvent.ChatChanged.Change.CREATED,
                caller.user(), caller.user(), Optional.of(group.name().value())));
    }
}
