package dev.chat.application.push;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushLanesTest {
    private final List<Runnable> queued = new ArrayList<>();
    private final PushLanes lanes = new PushLanes(2, queued::add);
    private final List<String> started = new ArrayList<>();

    @Test
    void aLaneRunsAtMostItsWidthAndStartsTheNextOnTheWorkThreadsWhenOneEnds() {
        for (int i = 1; i <= 4; i++) {
            int n = i;
            lanes.submit("push.example.net", () -> started.add("a" + n));
        }
        assertThat(started).containsExactly("a1", "a2");
        assertThat(lanes.waiting()).isEqualTo(2);

        lanes.done("push.example.net");
        assertThat(queued).hasSize(1);
        queued.remove(0).run();

        assertThat(started).containsExactly("a1", "a2", "a3");
        assertThat(lanes.waiting()).isEqualTo(1);
    }

    @Test
    void hostsHaveLanesOfTheirOwnAndAnEmptyLaneIsForgotten() {
        lanes.submit("a.example", () -> started.add("a1"));
        lanes.submit("a.example", () -> started.add("a2"));
        lanes.submit("b.example", () -> started.add("b1"));
        assertThat(started).containsExactly("a1", "a2", "b1");

        lanes.done("b.example");
        lanes.done("b.example");
        assertThat(queued).isEmpty();
        lanes.submit("b.example", () -> started.add("b2"));
        lanes.submit("b.example", () -> started.add("b3"));
        assertThat(started).endsWith("b2", "b3");
    }

    @Test
    void aLaneIsAtLeastOneWide() {
        assertThatThrownBy(() -> new PushLanes(0, Runnable::run)).isInstanceOf(IllegalArgumentException.class);
    }
}
