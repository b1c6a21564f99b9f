package dev.chat.application.push;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushPacerTest {
    private long now = 1_000_000_000L;
    private final List<Long> waits = new ArrayList<>();

    @Test
    void turnsAreOneIntervalApartForCallersThatComeAtOnce() {
        PushPacer pacer = new PushPacer(100, () -> now, waits::add);

        for (int i = 0; i < 4; i++) {
            pacer.awaitTurn();
        }

        long ten = TimeUnit.MILLISECONDS.toNanos(10);
        assertThat(waits).containsExactly(ten, 2 * ten, 3 * ten);
    }

    @Test
    void aQuietTimeSavesUpNoBurst() {
        PushPacer pacer = new PushPacer(100, () -> now, waits::add);
        pacer.awaitTurn();
        now += TimeUnit.SECONDS.toNanos(60);

        pacer.awaitTurn();
        pacer.awaitTurn();

        assertThat(waits).containsExactly(TimeUnit.MILLISECONDS.toNanos(10));
    }

    @Test
    void zeroMeansNoLimitAndANegativeRateIsRefused() {
        PushPacer unlimited = new PushPacer(0, () -> now, waits::add);
        for (int i = 0; i < 1_000; i++) {
            unlimited.awaitTurn();
        }
        assertThat(waits).isEmpty();
        assertThatThrownBy(() -> new PushPacer(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
