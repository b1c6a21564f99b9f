package dev.chat.application.identity;

import dev.chat.application.port.memory.InMemoryUserRepository;
import dev.chat.domain.user.ExternalIdentity;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import dev.chat.domain.user.Username;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The cast of the use-case specifications: users with fixed ids and names, so that failures read
 * as stories. Shared by every capability's tests.
 */
public final class People {
    /** The identity provider that vouches for the cast. */
    public static final String PROVIDER = "https://id.example";

    public static final User ALICE = named(1, "alice", "Alice");
    public static final User BOB = named(2, "bob", "Bob");
    public static final User CAROL = named(3, "carol", "Carol");
    public static final User DAVE = named(4, "dave", "Dave");
    public static final User ERIN = named(5, "erin", "Erin");
    public static final User FRANK = named(6, "frank", "Frank");

    private People() {
    }

    /** The n-th extra of a crowd scene. */
    public static User extra(int n) {
        return named(1_000 + n, "extra-" + n, null);
    }

    /** The first {@code size} extras. */
    public static List<User> crowd(int size) {
        return IntStream.range(0, size).mapToObj(People::extra).toList();
    }

    /** The user as the caller of a use case. */
    public static Caller caller(User user) {
        return new Caller(user.id(), user.username());
    }

    /** A user directory in which these people have accounts. */
    public static InMemoryUserRepository withAccounts(User... people) {
        return withAccounts(List.of(people));
    }

    public static InMemoryUserRepository withAccounts(List<User> people) {
        InMemoryUserRepository users = new InMemoryUserRepository();
        people.forEach(users::create);
        return users;
    }

    private static User named(long n, String username, String displayName) {
        return new User(new UserId(new UUID(0, n)), new Username(username), displayName,
                new ExternalIdentity(PROVIDER, username));
    }
}
