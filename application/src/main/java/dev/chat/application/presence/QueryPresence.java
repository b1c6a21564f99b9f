package dev.chat.application.presence;

import dev.chat.application.identity.Caller;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.Require;
import dev.chat.domain.presence.Presence;
import dev.chat.domain.user.UserId;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Use case: reading contacts' presence; strangers' presence stays private. */
public final class QueryPresence implements QueryPresenceUseCase {
    public static final int MAX_USERS = 256;

    private final PresenceTracker tracker;

    public QueryPresence(PresenceTracker tracker) {
        this.tracker = tracker;
    }

    @Override
    public List<Presence> query(Caller caller, Set<UserId> users) {
        Require.that(!users.isEmpty() && users.size() <= MAX_USERS, "ask for 1 to " + MAX_USERS + " users");
        Set<UserId> contacts = tracker.contactsOf(caller.user());
        List<Presence> result = new ArrayList<>(users.size());
        for (UserId user : users) {
            if (user.equals(caller.user())) {
                result.add(tracker.presenceOf(user));
                continue;
            }
            if (!contacts.contains(user)) {
                throw RejectedException.of(Rejection.NOT_A_CONTACT,
                        "you share no chat with user " + user);
            }
            result.add(tracker.presenceSeenByOthers(user));
        }
        return result;
    }
}
