package dev.chat.application.push;

import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.ChatId;

/**
 * Inbound port: a member mutes a chat for themself (their devices get no push notification for its
 * messages; messages still arrive on connected devices) or unmutes it. Rejects with
 * {@code CHAT_NOT_FOUND} alike for an unknown chat and a chat the caller is not a member of.
 */
public interface MuteChatUseCase {
    boolean setMuted(Caller caller, ChatId chat, boolean muted);

    boolean isMuted(Caller caller, ChatId chat);
}
