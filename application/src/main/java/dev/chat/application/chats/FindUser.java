package dev.chat.application.chats;

import dev.chat.application.port.UserRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

import java.util.List;

/** Use case: looking a user up (public profile: id, username, display name). */
public final class FindUser implements FindUserUseCase {
    private final UserRepository users;

    public FindUser(UserRepository users) {
        this.users = users;
    }

    @Override
    public User byUsername(String username) {
        return users.findByUsername(new Username(username))
                .orElseThrow(() -> RejectedException.of(Rejection.USER_NOT_FOUND, "no user " + username));
    }

    @Override
    public User byId(UserId id) {
        return users.findById(id).orElseThrow(() -> RejectedException.of(Rejection.USER_NOT_FOUND, "no user " + id));
    }

    @Override
    public List<User> byIds(List<UserId> ids) {
        return users.findAll(ids);
    }
}
