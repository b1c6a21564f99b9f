package dev.chat.application.chats;

import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.user.UserId;

/** Inbound port: opening (or finding again) the one direct chat with another user. */
public interface OpenDirectChatUseCase {
    DirectChat open(Caller caller, UserId other);
}
