package dev.chat.domain.chat;

import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.user.UserId;

import java.util.Collection;
import java.util.Optional;

/** A conversation: a direct chat between two users or a group. */
public sealed interface Chat permits DirectChat, Group {
    ChatId id();

    Collection<Membership> members();

    Optional<Membership> membershipOf(UserId user);

    /**
     * The stored version this copy was read at: one more with every stored change of a group's
     * members or name; a direct chat never changes and stays at {@link #FIRST_VERSION}. A message
     * carries the version its sender's membership was checked at, which orders it after every
     * membership change up to that version (docs/architecture.md, "Membership changes and messages").
     */
    long version();

    /** The version of a chat when first stored. */
    long FIRST_VERSION = 1;

    default boolean isMember(UserId user) {
        return membershipOf(user).isPresent();
    }

    /**
     * The caller's membership, or a rejection that does not tell a stranger whether the chat
     * exists: "not found" and "not yours" look the same from outside.
     */
    default Membership requireMember(UserId user) {
        return membershipOf(user).orElseThrow(() -> notFound(id()));
    }

    /** The one refusal for an unknown chat and for someone else's chat. */
    static RejectedException notFound(ChatId id) {
        return RejectedException.of(Rejection.CHAT_NOT_FOUND, "chat " + id + " does not exist or you are not a member of it");
    }
}
