package dev.chat.application.chats;

import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;

import java.util.List;

/** Inbound port: a user's chats with last message and unread count for one of their devices. */
public interface ListChatsUseCase {
    /** Unread counts are capped at this: a badge says "999+", nobody needs the exact figure. */
    int UNREAD_CAP = 999;

    List<ChatSummary> list(Caller caller, DeviceId device);

    /** One chat the caller is a member of (CHAT_NOT_FOUND otherwise). */
    Chat get(Caller caller, ChatId chat);
}
