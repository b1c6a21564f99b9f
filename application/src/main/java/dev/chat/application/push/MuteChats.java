package dev.chat.application.push;

import dev.chat.application.chats.MemberChats;
import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatMutes;
import dev.chat.application.port.ChatRepository;
import dev.chat.domain.chat.ChatId;

/** Use case: muting one's own chats; only a member can, and only for themself. */
public final class MuteChats implements MuteChatUseCase {
    private final ChatRepository chats;
    private final ChatMutes mutes;

    public MuteChats(ChatRepository chats, ChatMutes mutes) {
        this.chats = chats;
        this.mutes = mutes;
    }

    @Override
    public boolean setMuted(Caller caller, ChatId chat, boolean muted) {
        MemberChats.require(chats, chat, caller.user());
        mutes.setMuted(caller.user(), chat, muted);
        return mutes.isMuted(caller.user(), chat);
    }

    @Override
    public boolean isMuted(Caller caller, ChatId chat) {
        MemberChats.require(chats, chat, caller.user());
        return mutes.isMuted(caller.user(), chat);
    }
}
