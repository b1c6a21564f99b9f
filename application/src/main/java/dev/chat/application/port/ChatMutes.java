package dev.chat.application.port;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.user.UserId;

/** Outbound port: the chats each user muted (no push notification for their messages). */
public interface ChatMutes {
    void setMuted(UserId user, ChatId chat, boolean muted);

    boolean isMuted(UserId user, ChatId chat);
}
