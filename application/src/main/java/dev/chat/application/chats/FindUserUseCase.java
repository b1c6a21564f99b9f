package dev.chat.application.chats;

import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;

import java.util.List;

/** Inbound port: finding users to chat with, by username or id. */
public interface FindUserUseCase {
    User byUsername(String username);

    User byId(UserId id);

    List<User> byIds(List<UserId> ids);
}
