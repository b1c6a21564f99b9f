package dev.chat.application.chats;

import dev.chat.application.port.ChatRepository;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.user.UserId;

/** The check every use case on a chat starts with: the chat exists and the caller is a member of it. */
public final class MemberChats {
    private MemberChats() {
    }

    /** The chat, or CHAT_NOT_FOUND alike for an unknown chat and for someone else's chat. */
    public static Chat require(ChatRepository chats, ChatId id, UserId user) {
        Chat chat = chats.findById(id).orElseThrow(() -> Chat.notFound(id));
        chat.requireMember(user);
        return chat;
    }

    /** The caller's membership of the chat, with the same refusal. */
    public static Membership membership(ChatRepository chats, ChatId id, UserId user) {
        return chats.findById(id).orElseThrow(() -> Chat.notFound(id)).requireMember(user);
    }
}
