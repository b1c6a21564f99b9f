package dev.chat.application.delivery;

import dev.chat.domain.chat.ChatChange;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;

import java.util.Optional;

/** What the server pushes to a connected device. Each inbound adapter maps these to its wire format. */
public sealed interface DeviceEvent {
    /** A message of one of the device's chats. */
    record MessageReceived(Message message) implements DeviceEvent {
    }

    /** A chat's membership or name changed. */
    record ChatChanged(ChatId chat, Change change, UserId subject, UserId actor, Optional<String> name)
            implements DeviceEvent {
        public enum Change { CREATED, MEMBER_ADDED, MEMBER_REMOVED, MEMBER_LEFT, ADMIN_PROMOTED, RENAMED }

        public static ChatChanged of(ChatChange change) {
            return new ChatChanged(change.chat(), Change.valueOf(change.kind().name()), change.subject(),
                    change.actor(), change.name());
        }

        /** The change as the domain names it, to travel to other nodes. */
        public ChatChange toChange() {
            return new ChatChange(chat, ChatChange.Kind.valueOf(change.name()), subject, actor, name);
        }
    }

    /** A contact went online or offline. */
    record PresenceChanged(Presence presence) implements DeviceEvent {
    }

    /** The device has been sent everything it missed; what follows is live. */
    record CaughtUp(int messages) implements DeviceEvent {
    }
}
