package dev.chat.adapter.in.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The JSON bodies the API answers with. */
public final class ApiViews {
    private ApiViews() {
    }

    @Serdeable
    public record UserView(String id, String username, String displayName) {
    }

    @Serdeable
    public record MemberView(String userId, String role) {
    }

    /** A chat; {@code kind} is {@code direct} or {@code group}; {@code name} is null for a direct chat. */
    @Serdeable
    public record ChatView(String id, String kind, @Nullable String name, List<MemberView> members) {
    }

    @Serdeable
    public record MessageView(String id, String chatId, long position, String senderId, String senderDevice,
                              String clientMessageId, String body, String sentAt) {
    }

    /** A line of the chat list: {@code unread} is capped at 999; {@code acknowledged} is the device's offset. */
    @Serdeable
    public record ChatSummaryView(ChatView chat, @Nullable MessageView lastMessage, int unread, long acknowledged) {
    }

    /**
     * A page of history, oldest first. Read with {@code after}: pass {@code next} as {@code after} for the
     * following page, null at the end. Read with {@code before}: pass {@code previous} as {@code before}
     * for the page before, null once nothing older is left. The other cursor is null.
     */
    @Serdeable
    public record MessagePage(List<MessageView> messages, @Nullable Long next, @Nullable Long previous) {
    }

    @Serdeable
    public record PresenceView(String userId, boolean online, @Nullable String lastSeen) {
    }

    /**
     * Credentials to sign UDP heartbeats (docs/presence-datagram.md): 32 hex digits of session id, the
     * 40-byte ticket every heartbeat carries and the HMAC key, both base64url, and the server's clock
     * in Unix epoch milliseconds when it answered (heartbeats are dated on that clock).
     */
    @Serdeable
    public record PresenceSessionView(String sessionId, String ticket, String key, int udpPort,
                                      long heartbeatIntervalSeconds, String expiresAt, long serverTime) {
        @Override
        public String toString() {
            return "PresenceSessionView[" + sessionId + "]";
        }
    }

    @Serdeable
    public record TokenView(String access_token, String token_type, long expires_in) {
    }
}
