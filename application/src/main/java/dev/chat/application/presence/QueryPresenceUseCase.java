package dev.chat.application.presence;

import dev.chat.application.identity.Caller;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.Set;

/** Inbound port: the presence of users the caller shares a chat with. */
public interface QueryPresenceUseCase {
    /** Rejects with {@code NOT_A_CONTACT} when any user asked for shares no chat with the caller. */
    List<Presence> query(Caller caller, Set<UserId> users);
}
