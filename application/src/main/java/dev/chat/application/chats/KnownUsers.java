package dev.chat.application.chats;

import dev.chat.application.port.UserRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/** Checks that users named in a request exist. */
public final class KnownUsers {
    private final UserRepository users;

    public KnownUsers(UserRepository users) {
        this.users = users;
    }

    void requireAll(Collection<UserId> ids) {
        Set<UserId> found = new HashSet<>();
        for (User user : users.findAll(ids)) {
            found.add(user.id());
        }
        for (UserId id : ids) {
            if (!found.contains(id)) {
                throw RejectedException.of(Rejection.USER_NOT_FOUND, "no user " + id);
            }
        }
    }
}
