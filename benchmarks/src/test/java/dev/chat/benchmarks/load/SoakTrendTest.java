package dev.chat.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoakTrendTest {
    private static Map<String, Object> slice(int index, double p99, double rss, Double heap) {
        Map<String, Object> slice = new LinkedHashMap<>();
        slice.put("slice", index);
        slice.put("p99Ms", p99);
        slice.put("serverRssMiB", rss);
        if (heap != null) {
            slice.put("liveHeapMiB", heap);
        }
        return slice;
    }

    @Test
    void a_steady_rise_shows_as_its_slope_per_ten_minutes_and_a_flat_measure_as_none() {
        List<Map<String, Object>> slices = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            // one-minute slices: RSS grows 2 MiB a minute, p99 stays at 100 ms
            slices.add(slice(i, 100, 1_000 + 2 * i, null));
        }

        Map<String, SoakTrend> trends = byMeasure(SoakTrend.of(slices, Duration.ofMinutes(1)));

        assertThat(trends.get("serverRssMiB").slopePerTenMinutes()).isCloseTo(20, within(1e-9));
        assertThat(trends.get("serverRssMiB").firstThird()).isEqualTo(1_011);
        assertThat(trends.get("serverRssMiB").lastThird()).isEqualTo(1_051);
        assertThat(trends.get("p99Ms").slopePerTenMinutes()).isZero();
        assertThat(trends.get("p99Ms").lastOverFirst()).isEqualTo(1.0);
        assertThat(trends).doesNotContainKey("liveHeapMiB").doesNotContainKey("serverCores");
        // 2 % of the first third per ten minutes: past RSS's 1 %
        assertThat(trends.get("serverRssMiB").flat()).isFalse();
        assertThat(trends.get("p99Ms").flat()).isTrue();
        assertThat(SoakTrend.rising(List.copyOf(trends.values()))).containsExactly("serverRssMiB");
    }

    @Test
    void p99_is_flat_within_a_fifth_and_rising_past_it_and_falling_is_always_flat() {
        List<Map<String, Object>> within = new ArrayList<>();
        List<Map<String, Object>> past = new ArrayList<>();
        List<Map<String, Object>> falling = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            // thirds of 100, 110 and 115 ms; 100, 120 and 130 ms; and down from 200 ms
            within.add(slice(i, i <= 10 ? 100 : i <= 20 ? 110 : 115, 1_000, null));
            past.add(slice(i, i <= 10 ? 100 : i <= 20 ? 120 : 130, 1_000, null));
            falling.add(slice(i, 200 - 3 * i, 1_000, null));
        }

        SoakTrend flat = byMeasure(SoakTrend.of(within, Duration.ofMinutes(1))).get("p99Ms");
        SoakTrend rising = byMeasure(SoakTrend.of(past, Duration.ofMinutes(1))).get("p99Ms");
        SoakTrend down = byMeasure(SoakTrend.of(falling, Duration.ofMinutes(1))).get("p99Ms");

        assertThat(flat.flat()).isTrue();
        assertThat(flat.toString()).endsWith("per 10 min: flat");
        assertThat(rising.lastOverFirst()).isEqualTo(1.3);
        assertThat(rising.flat()).isFalse();
        assertThat(rising.toString()).endsWith("per 10 min: RISING");
        assertThat(down.flat()).isTrue();
    }

    @Test
    void a_few_outlying_slices_do_not_make_a_trend() {
        List<Map<String, Object>> slices = new ArrayList<>();
        for (int i = 1; i <= 30; i++) {
            // two spikes near the end, as a compaction burst makes
            slices.add(slice(i, i == 27 || i == 29 ? 400 : 100, 1_000, i % 5 == 0 ? 40.0 : null));
        }

        Map<String, SoakTrend> trends = byMeasure(SoakTrend.of(slices, Duration.ofMinutes(1)));

        assertThat(trends.get("p99Ms").slopePerTenMinutes()).isZero();
        assertThat(trends.get("p99Ms").lastThird()).isEqualTo(100);
        assertThat(trends.get("liveHeapMiB").slices()).isEqualTo(6);
        assertThat(trends.get("liveHeapMiB").slopePerTenMinutes()).isZero();
        assertThat(SoakTrend.rising(List.copyOf(trends.values()))).isEmpty();
    }

    @Test
    void a_soak_too_short_for_a_judged_measure_is_not_called_flat() {
        List<Map<String, Object>> slices = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            slices.add(slice(i, 100, 1_500, i == 4 ? 34.0 : null));
        }

        List<SoakTrend> trends = SoakTrend.of(slices, Duration.ofMinutes(1));

        assertThat(SoakTrend.rising(trends)).isEmpty();
        assertThat(SoakTrend.verdict(trends)).isEqualTo("SOAK not judged: too few slices for liveHeapMiB");
        assertThat(SoakTrend.verdict(SoakTrend.of(List.of(), Duration.ofMinutes(1))))
                .isEqualTo("SOAK not judged: too few slices for liveHeapMiB, p99Ms, serverRssMiB");
    }

    private static Map<String, SoakTrend> byMeasure(List<SoakTrend> trends) {
        Map<String, SoakTrend> byMeasure = new LinkedHashMap<>();
        trends.forEach(t -> byMeasure.put(t.measure(), t));
        return byMeasure;
    }
}
