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
    /** The measures a soak is judged on: throughput, latency, the server's memory and CPU. */
    static final List<String> MEASURES = List.of("deliveredPerSecond", "p50Ms", "p99Ms", "serverRssMiB", "liveHeapMiB",
            "serverCores", "compactionCores");

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

    /** The last third's median against the first's, as a ratio (1.00: no change). */
    public double lastOverFirst() {
        return firstThird == 0 ? Double.NaN : lastThird / firstThird;
    }

    @Override
    public String toString() {
        return String.format("%s over %d slices: first third %.2f, last third %.2f (x%.2f), Theil-Sen slope %+.2f per 10 min",
                measure, slices, firstThird, lastThird, lastOverFirst(), slopePerTenMinutes);
    }
}
