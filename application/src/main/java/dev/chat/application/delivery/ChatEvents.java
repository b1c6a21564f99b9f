package dev.chat.application.delivery;

import dev.chat.application.port.DeviceDirectory;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.user.UserId;

import java.util.LinkedHashSet;
import java.util.Set;

/** Tells the connected devices of a chat's members (and of whoever just left it) that it changed. */
public final class ChatEvents {
    private final DeviceDirectory directory;

    public ChatEvents(DeviceDirectory directory) {
        this.directory = directory;
    }

    public void publish(Chat chatAfterChange, DeviceEvent.ChatChanged event) {
        Set<UserId> audience = new LinkedHashSet<>();
        for (Membership member : chatAfterChange.members()) {
            audience.add(member.userId());
        }
        audience.add(event.subject());
        for (UserId user : audience) {
            for (DeviceSession session : directory.sessionsOf(user)) {
                session.pushEvent(event);
            }
        }
    }
}
