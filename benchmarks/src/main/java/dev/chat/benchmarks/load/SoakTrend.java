package dev.chat.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Whether one measure of a soak stayed flat: the median of its first third of slices against that of
 * its last third, and its Theil–Sen slope per ten minutes (the median of the slopes between every two
 * slices, so that a few outlying minutes, a compaction burst or a forced GC, do not make a trend).
 * Slices without the measure (the live heap is read every few slices only) are left out.
 */
public record SoakTrend(String measure, int slices, double firstThird, double lastThird, double slopePerTenMinutes) {
    /** The measures whose trend a soak reports: throughput, latency, the server's memory and CPU. */
    static final List<String> MEASURES = List.of("deliveredPerSecond", "p50Ms", "p99Ms", "serverRssMiB", "liveHeapMiB",
            "serverCores", "compactionCores");

    /**
     * How much each measure the soak is judged on (issue 14: p99, RSS, the live heap) may rise and
     * still count as flat: its last third's median at most {@code ratio} times its first third's, and
     * its slope per ten minutes at most {@code slopeShare} of the first third. The thirds' medians lie
     * twenty minutes apart, so each slope allows half the ratio's rise per ten minutes. p99 on two
     * shared cores moves by a third from one minute to the next, and the medians of flat ten-minute
     * spans by up to a tenth (run 3: 67 / 67 / 70 ms), hence ×1.2 and 10 %. RSS moves little (one
     * memtable is 64 MB of ~1,500 MiB), so a leak shows sooner: ×1.02 and 1 %. The live heap is read
     * five times, each after a full GC: ×1.2 and 10 %.
     */
    static final Map<String, Tolerance> JUDGED = Map.of(
            "p99Ms", new Tolerance(1.2, 0.10),
            "serverRssMiB", new Tolerance(1.02, 0.01),
            "liveHeapMiB", new Tolerance(1.2, 0.10));

    /** The rise a measure may show and still be flat (falling is always flat). */
    public record Tolerance(double ratio, double slopeShare) {
    }

    /** Each of {@link #MEASURES} present in at least three slices, in that order. */
    public static List<SoakTrend> of(List<Map<String, Object>> slices, Duration slice) {
        List<SoakTrend> trends = new ArrayList<>();
        for (String measure : MEASURES) {
            List<double[]> points = new ArrayList<>();
            for (Map<String, Object> s : slices) {
                if (s.get(measure) instanceof Number value && s.get("slice") instanceof Number index) {
                    points.add(new double[] {index.doubleValue() * slice.toMillis() / 600_000.0, value.doubleValue()});
                }
            }
            if (points.size() >= 3) {
                trends.add(of(measure, points));
            }
        }
        return trends;
    }

    /** {@code points}: (time in units of ten minutes, value), in time order. */
    static SoakTrend of(String measure, List<double[]> points) {
        int third = Math.max(1, points.size() / 3);
        double first = median(points.subList(0, third).stream().mapToDouble(p -> p[1]).toArray());
        double last = median(points.subList(points.size() - third, points.size()).stream().mapToDouble(p -> p[1]).toArray());
        List<Double> slopes = new ArrayList<>();
        for (int i = 0; i < points.size(); i++) {
            for (int j = i + 1; j < points.size(); j++) {
                double run = points.get(j)[0] - points.get(i)[0];
                if (run > 0) {
                    slopes.add((points.get(j)[1] - points.get(i)[1]) / run);
                }
            }
        }
        double slope = median(slopes.stream().mapToDouble(Double::doubleValue).toArray());
        return new SoakTrend(measure, points.size(), first, last, slope);
    }

    private static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /** Whether this measure stayed within its {@link #JUDGED} tolerance; true for a measure not judged. */
    public boolean flat() {
        Tolerance tolerance = JUDGED.get(measure);
        if (tolerance == null) {
            return true;
        }
        return lastThird <= tolerance.ratio() * firstThird && slopePerTenMinutes <= tolerance.slopeShare() * firstThird;
    }

    /** Whether this measure is one a soak is judged on. */
    public boolean judged() {
        return JUDGED.containsKey(measure);
    }

    /**
     * The soak's one-line verdict: flat only when every {@link #JUDGED} measure has a trend (three
     * slices at least; the live heap is read every fifth) and none rose past its tolerance.
     */
    public static String verdict(List<SoakTrend> trends) {
        List<String> missing = JUDGED.keySet().stream().sorted()
                .filter(measure -> trends.stream().noneMatch(t -> t.measure().equals(measure))).toList();
        if (!missing.isEmpty()) {
            return "SOAK not judged: too few slices for " + String.join(", ", missing);
        }
        List<String> rising = rising(trends);
        return rising.isEmpty() ? "SOAK flat: p99, RSS and the live heap within their tolerances"
                : "SOAK not flat: " + String.join(", ", rising) + " rose past their tolerances";
    }

    /** The judged measures among {@code trends} that rose past their tolerance, in order; none: the soak was flat. */
    public static List<String> rising(List<SoakTrend> trends) {
        return trends.stream().filter(t -> !t.flat()).map(SoakTrend::measure).toList();
    }

    /** The last third's median against the first's, as a ratio (1.00: no change). */
    public double lastOverFirst() {
        return firstThird == 0 ? Double.NaN : lastThird / firstThird;
    }

    @Override
    public String toString() {
        String verdict = !judged() ? "" : flat() ? ": flat" : ": RISING";
        return String.format("%s over %d slices: first third %.2f, last third %.2f (x%.2f), Theil-Sen slope %+.2f per 10 min%s",
                measure, slices, firstThird, lastThird, lastOverFirst(), slopePerTenMinutes, verdict);
    }
}
