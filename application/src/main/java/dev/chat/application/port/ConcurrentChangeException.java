package dev.chat.application.port;

import dev.chat.domain.chat.ChatId;

/**
 * A {@link ChatRepository#saveGroup version-checked save} was refused: the group was based on a
 * stored version that is no longer the latest (someone, on this node or another, saved it in
 * between), or it is new and a group with its id is stored already. Nothing was stored. The caller
 * re-reads the group and applies its change again, or gives up.
 */
public final class ConcurrentChangeException extends RuntimeException {
    private final ChatId chat;
    private final long basedOn;

    public ConcurrentChangeException(ChatId chat, long basedOn) {
        super("group " + chat + " changed since version " + basedOn + " was read; nothing was stored");
        this.chat = chat;
        this.basedOn = basedOn;
    }

    /** The group whose save was refused. */
    public ChatId chat() {
        return chat;
    }

    /** The stored version the refused group was based on (0 for a new group). */
    public long basedOn() {
        return basedOn;
    }
}
