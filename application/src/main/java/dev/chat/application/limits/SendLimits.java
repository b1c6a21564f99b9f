package dev.chat.application.limits;

import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.user.UserId;

/**
 * How fast one account may send, whatever it sends through (WebSocket connections, REST): per
 * sender across all their devices, and per sender in one chat (for a direct chat, the
 * sender-to-recipient pair). The per-connection limit of the gateway comes on top.
 */
public final class SendLimits {
    public static final SendLimits NONE = new SendLimits(RateLimit.OFF, RateLimit.OFF);
    private static final int MAX_KEYS = 100_000;

    private record SenderInChat(UserId sender, ChatId chat) {
    }

    private final KeyedRateLimiter<UserId> perSender;
    private final KeyedRateLimiter<SenderInChat> perChat;

    public SendLimits(RateLimit perSender, RateLimit perSenderInChat) {
        this.perSender = new KeyedRateLimiter<>(perSender, MAX_KEYS);
        this.perChat = new KeyedRateLimiter<>(perSenderInChat, MAX_KEYS);
    }

    /** Takes a permit for one message; refuses it with {@code rate_limited} past either limit. */
    public void check(UserId sender, ChatId chat) {
        if (!perChat.tryAcquire(new SenderInChat(sender, chat))) {
            throw RejectedException.of(Rejection.RATE_LIMITED, "too many messages to this chat (limit: "
                    + perChat.limit() + "); slow down");
        }
        if (!perSender.tryAcquire(sender)) {
            throw RejectedException.of(Rejection.RATE_LIMITED, "too many messages from your account (limit: "
                    + perSender.limit() + "); slow down");
        }
    }
}
