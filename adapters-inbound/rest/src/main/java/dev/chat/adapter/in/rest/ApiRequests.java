package dev.chat.adapter.in.rest;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The JSON bodies the API accepts. Missing required fields are refused by the use cases with {@code invalid_input}. */
public final class ApiRequests {
    private ApiRequests() {
    }

    @Serdeable
    public record SignUpRequest(@Nullable String username, @Nullable String password, @Nullable String displayName) {
        @Override
        public String toString() {
            return "SignUpRequest[" + username + "]";
        }
    }

    @Serdeable
    public record TokenRequest(@Nullable String username, @Nullable String password) {
        @Override
        public String toString() {
            return "TokenRequest[" + username + "]";
        }
    }

    @Serdeable
    public record OpenDirectChatRequest(@Nullable String userId) {
    }

    @Serdeable
    public record CreateGroupRequest(@Nullable String name, @Nullable List<String> members) {
    }

    @Serdeable
    public record RenameGroupRequest(@Nullable String name) {
    }

    @Serdeable
    public record MemberRequest(@Nullable String userId) {
    }

    /** {@code clientMessageId} makes the send idempotent; {@code device} names the sending device (default {@code api}). */
    @Serdeable
    public record SendMessageRequest(@Nullable String clientMessageId, @Nullable String body, @Nullable String device) {
    }

    @Serdeable
    public record AcknowledgeRequest(@Nullable Long position) {
    }
}
