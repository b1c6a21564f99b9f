package dev.chat.application.presence;

import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.delivery.PresenceSubscriptions;
import dev.chat.application.identity.Caller;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.Set;

/** Use case: subscribing a device to contacts' presence. */
public final class SubscribePresence implements SubscribePresenceUseCase {
    private final PresenceSubscriptions subscriptions;
    private final QueryPresence query;

    public SubscribePresence(PresenceSubscriptions subscriptions, QueryPresence query) {
        this.subscriptions = subscriptions;
        this.query = query;
    }

    @Override
    public List<Presence> subscribe(Caller caller, DeviceSession session, Set<UserId> users) {
        List<Presence> now = query.query(caller, users);
        subscriptions.subscribe(session, users);
        return now;
    }
}
