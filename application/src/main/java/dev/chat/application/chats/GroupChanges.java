package dev.chat.application.chats;

import dev.chat.application.delivery.ChatEvents;
import dev.chat.application.delivery.DeviceEvent;
import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.user.UserId;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What every group change shares: load the group as its member, apply the domain change, store
 * it and tell the devices. Changes to one group are serialized, so none is lost to a concurrent one.
 */
public final class GroupChanges {
    private static final int STRIPES = 64;

    private final ChatRepository chats;
    private final ChatEvents events;
    private final Object[] locks = new Object[STRIPES];

    public GroupChanges(ChatRepository chats, ChatEvents events) {
        this.chats = chats;
        this.events = events;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    Group change(Caller caller, ChatId chatId, UnaryOperator<Group> change,
                 DeviceEvent.ChatChanged.Change kind, UserId subject) {
        Group changed;
        synchronized (locks[Math.floorMod(chatId.hashCode(), STRIPES)]) {
            Group group = groupOf(caller, chatId);
            changed = change.apply(group);
            chats.saveGroup(changed);
        }
        Optional<String> name = kind == DeviceEvent.ChatChanged.Change.RENAMED
                ? Optional.of(changed.name().value()) : Optional.empty();
        events.publish(changed, new DeviceEvent.ChatChanged(chatId, kind, subject, caller.user(), name));
        return changed;
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
