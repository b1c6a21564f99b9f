package dev.chat.domain.message;

import dev.chat.domain.Rejection;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Negative;
import org.junit.jupiter.api.Test;

import static dev.chat.domain.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;

/** A position in a chat's one total order; START comes before every message. */
class PositionTest {

    @Property
    void aPositionIsNeverNegative(@ForAll @Negative long value) {
        assertThat(refusalOf(() -> new Position(value))).isEqualTo(Rejection.INVALID_INPUT);
    }

    @Property
    void positionsAreOrderedByTheirValue(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
                                         @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
        Position first = new Position(a);
        Position second = new Position(b);

        assertThat(Integer.signum(first.compareTo(second))).isEqualTo(Long.signum(Long.compare(a, b)));
        assertThat(first.isAfter(second)).isEqualTo(a > b);
        assertThat(Position.max(first, second).value()).isEqualTo(Math.max(a, b));
        assertThat(first.equals(second)).isEqualTo(a == b);
    }

    @Property
    void startIsBeforeEveryMessagePosition(@ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long value) {
        assertThat(new Position(value).isAfter(Position.START)).isTrue();
        assertThat(Position.START.isAfter(new Position(value))).isFalse();
    }

    @Test
    void startIsPositionZero() {
        assertThat(Position.START.value()).isZero();
        assertThat(Position.START.isAfter(Position.START)).isFalse();
        assertThat(new Position(42)).hasToString("42");
    }
}
