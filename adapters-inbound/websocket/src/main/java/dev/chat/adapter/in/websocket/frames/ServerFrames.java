package dev.chat.adapter.in.websocket.frames;

import io.micronaut.core.annotation.Nullable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The frames the server sends; every one has a {@code type}. Documented in docs/asyncapi.yaml. */
public final class ServerFrames {
    private ServerFrames() {
    }

    /** The message is durably in the log: the sender's acknowledgement. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(String type, String id, String chatId, String messageId, long position, String sentAt) {
        public Accepted(String id, String chatId, String messageId, long position, String sentAt) {
            this("accepted", id, chatId, messageId, position, sentAt);
        }
    }

    /** A message of one of the device's chats. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MessageFrame(String type, String chatId, String messageId, long position, String senderId,
                               String senderDevice, String clientMessageId, String body, String sentAt) {
    }

    /**
     * An answer to a {@code history} request, its messages oldest first. {@code next} (read with
     * {@code after}) is the cursor of the following page, null at the end; {@code previous} (read with
     * {@code before}) is the cursor of the page before, null once nothing older is left.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record History(String type, String id, String chatId, List<MessageFrame> messages, @Nullable Long next,
                          @Nullable Long previous) {
        public History(String id, String chatId, List<MessageFrame> messages, Long next, Long previous) {
            this("history", id, chatId, messages, next, previous);
        }
    }

    /** A chat's membership or name changed. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChatEvent(String type, String chatId, String change, String userId, String actorId,
                            @Nullable String name) {
        public ChatEvent(String chatId, String change, String userId, String actorId, String name) {
            this("chat.event", chatId, change, userId, actorId, name);
        }
    }

    /** A contact's presence; {@code lastSeen} is null when unknown or private. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Presence(String type, @Nullable String id, String userId, boolean online, @Nullable String lastSeen) {
        public Presence(String id, String userId, boolean online, String lastSeen) {
            this("presence", id, userId, online, lastSeen);
        }
    }

    /**
     * Credentials for UDP presence heartbeats: the 128-bit session id as 32 hex digits and the
     * 256-bit HMAC key in base64url (docs/presence-datagram.md says how to sign with them).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PresenceSessionGranted(String type, @Nullable String id, String sessionId, String ticket, String key,
                                         int udpPort, long heartbeatIntervalSeconds, String expiresAt, long serverTime) {
    }

    /** Everything missed while away has been sent; what follows is live. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CaughtUp(String type, int messages) {
        public CaughtUp(int messages) {
            this("caught_up", messages);
        }
    }

    /** A request was refused; {@code code} is stable and documented, {@code id} is the client's frame id. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Error(String type, @Nullable String id, String code, String message) {
        public Error(String id, String code, String message) {
            this("error", id, code, message);
        }
    }

    /** The answer to a client's {@code ping}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Pong(String type, @Nullable String id) {
        public Pong(String id) {
            this("pong", id);
        }
    }

    /** Nothing to report but that the request was done (e.g. an {@code ack}, when the client asked for a receipt). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Done(String type, String id) {
        public Done(String id) {
            this("done", id);
        }
    }
}
