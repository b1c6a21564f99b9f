package dev.chat.application.port.memory;

import dev.chat.application.port.ChatMutes;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.user.UserId;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Mutes in a set, for use-case tests. */
public final class InMemoryChatMutes implements ChatMutes {
    private record Muted(UserId user, ChatId chat) {
    }

    private final Set<Muted> muted = ConcurrentHashMap.newKeySet();

    @Override
    public void setMuted(UserId user, ChatId chat, boolean mute) {
        if (mute) {
            muted.add(new Muted(user, chat));
        } else {
            muted.remove(new Muted(user, chat));
        }
    }

    @Override
    public boolean isMuted(UserId user, ChatId chat) {
        return muted.contains(new Muted(user, chat));
    }
}
