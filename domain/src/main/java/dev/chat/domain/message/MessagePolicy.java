package dev.chat.domain.message;

import dev.chat.domain.Require;

/** Limits on message bodies; the operator configures them. */
public record MessagePolicy(int maxBodyBytes) {
    public static final MessagePolicy DEFAULT = new MessagePolicy(4096);

    public MessagePolicy {
        Require.that(maxBodyBytes > 0, "the body limit must be positive");
    }
}
