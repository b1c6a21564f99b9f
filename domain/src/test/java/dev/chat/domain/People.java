package dev.chat.domain;

import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

/** The cast of the specifications: users with fixed ids and names, so that failures read as stories. */
public final class People {
    private static final List<String> NAMES =
            List.of("alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy");

    public static final UserId ALICE = person(0);
    public static final UserId BOB = person(1);
    public static final UserId CAROL = person(2);
    public static final UserId DAVE = person(3);
    public static final UserId ERIN = person(4);
    public static final UserId FRANK = person(5);

    private People() {
    }

    /** The n-th person of the cast; the first ones have names. */
    public static UserId person(int n) {
        return new UserId(new UUID(0, n + 1L));
    }

    /** The first {@code size} people of the cast. */
    public static List<UserId> crowd(int size) {
        return IntStream.range(0, size).mapToObj(People::person).toList();
    }

    public static String nameOf(UserId user) {
        long n = user.value().getLeastSignificantBits() - 1;
        return user.value().getMostSignificantBits() == 0 && n >= 0 && n < NAMES.size()
                ? NAMES.get((int) n)
                : user.toString();
    }
}
