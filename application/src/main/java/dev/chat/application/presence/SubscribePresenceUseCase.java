package dev.chat.application.presence;

import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.identity.Caller;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.Set;

/**
 * Inbound port: a connected device subscribes to the presence of users it shares a chat with; it
 * gets their presence now and every change after, until it disconnects.
 */
public interface SubscribePresenceUseCase {
    /** Rejects with {@code NOT_A_CONTACT} (subscribing to nobody) if any user shares no chat with the caller. */
    List<Presence> subscribe(Caller caller, DeviceSession session, Set<UserId> users);
}
