package dev.chat.domain.chat;

import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.Require;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one chat between two users. Its id is derived from the pair, so that every node, at any
 * time, opens the same chat for the same two people: there is exactly one per pair.
 */
public record DirectChat(ChatId id, UserId first, UserId second) implements Chat {
    public DirectChat {
        Require.present(id, "chat id");
        Require.present(first, "first user");
        Require.present(second, "second user");
        if (first.equals(second)) {
            throw RejectedException.of(Rejection.CANNOT_CHAT_WITH_SELF, "a direct chat needs two different users");
        }
        if (first.compareTo(second) > 0) {
            UserId swap = first;
            first = second;
            second = swap;
        }
        Require.that(id.equals(idFor(first, second)), "a direct chat's id is derived from its two users");
    }

    /** A direct chat's two members never change: it stays at the version it was stored at. */
    @Override
    public long version() {
        return FIRST_VERSION;
    }

    public static DirectChat between(UserId a, UserId b) {
        if (a.equals(b)) {
            throw RejectedException.of(Rejection.CANNOT_CHAT_WITH_SELF, "a direct chat needs two different users");
        }
        return new DirectChat(idFor(a, b), a, b);
    }

    /** Name-based (version 3) UUID of the ordered pair. */
    public static ChatId idFor(UserId a, UserId b) {
        UserId low = a.compareTo(b) <= 0 ? a : b;
        UserId high = low == a ? b : a;
        ByteBuffer bytes = ByteBuffer.allocate(33);
        bytes.put((byte) 'd');
        bytes.putLong(low.value().getMostSignificantBits()).putLong(low.value().getLeastSignificantBits());
        bytes.putLong(high.value().getMostSignificantBits()).putLong(high.value().getLeastSignificantBits());
        return new ChatId(UUID.nameUUIDFromBytes(bytes.array()));
    }

    public UserId other(UserId me) {
        return me.equals(first) ? second : first;
    }

    @Override
    public Collection<Membership> members() {
        return List.of(new Membership(first, Role.MEMBER, Position.START),
                new Membership(second, Role.MEMBER, Position.START));
    }

    @Override
    public Optional<Membership> membershipOf(UserId user) {
        if (user.equals(first) || user.equals(second)) {
            return Optional.of(new Membership(user, Role.MEMBER, Position.START));
        }
        return Optional.empty();
    }
}
