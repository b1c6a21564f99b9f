package dev.chat.domain.message;

import dev.chat.domain.Require;

/**
 * A message's place in its chat's total order. Positions are strictly increasing within a chat;
 * they need not be contiguous (the message log assigns them). {@link #START} is before every message.
 */
public record Position(long value) implements Comparable<Position> {
    public static final Position START = new Position(0);

    public Position {
        Require.that(value >= 0, "a position is never negative");
    }

    public boolean isAfter(Position other) {
        return value > other.value;
    }

    public static Position max(Position a, Position b) {
        return a.value >= b.value ? a : b;
    }

    @Override
    public int compareTo(Position other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
