package dev.chat.benchmarks.load;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * A long run seen slice by slice, so that a leak or a slow drift shows as a trend rather than
 * hiding in one overall percentile: each slice's deliveries per second and latency percentiles,
 * the server's resident memory and RocksDB's part of it (from the server's /prometheus page), and
 * now and then its live heap after a full GC. Runs on its own
 * thread, so that probing the server never delays the sends.
 */
final class SoakReport {
    /** RocksDB's compaction pool: its share of the server's CPU grows with the store. */
    private static final String COMPACTION_THREADS = "rocksdb:low";
    /** RocksDB's pool for the compactions into the bottommost level, when the storage gives them one. */
    private static final String BOTTOM_COMPACTION_THREADS = "rocksdb:bottom";

    private final Deliveries deliveries;
    private final ServerProbe probe;
    /** How long the server's metrics may take to show a forced collection before its heap_info reading is used. */
    private static final Duration FORCED_GC_NOTICE = Duration.ofSeconds(5);
    private final Supplier<String> metricsPage;
    private final int heapEvery;
    private final long sliceNanos;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "soak-report");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Map<String, Object>> slices = new ArrayList<>();
    private long lastDelivered;
    private long lastAt = System.nanoTime();
    /** The server's counters as the previous slice read them, by name. */
    private final Map<String, Double> counters = new HashMap<>();

    private SoakReport(Duration every, int heapEvery, Deliveries deliveries, ServerProbe probe, Supplier<String> metricsPage) {
        this.deliveries = deliveries;
        this.probe = probe;
        this.metricsPage = metricsPage;
        this.heapEvery = heapEvery;
        this.sliceNanos = every.toNanos();
        this.lastDelivered = deliveries.measuredDeliveries();
        // the CPU spent so far (its figures dropped), so that the first slice counts its own only
        cpuCores(1);
        // the server's counters so far (the warm-up's), so that the first slice counts its own only
        try {
            String page = metricsPage.get();
            groupCommit(new LinkedHashMap<>(), page);
            writeStalls(new LinkedHashMap<>(), page);
            compactionByFamily(new LinkedHashMap<>(), page);
        } catch (RuntimeException serverDown) {
            // the first slice then counts from the server's start
        }
    }

    private static long generatorCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Starts reporting every {@code every}; null when {@code every} is zero (no soak report asked). */
    static SoakReport start(Duration every, int heapEvery, Deliveries deliveries, ServerProbe probe,
                            Supplier<String> metricsPage) {
        if (every.isZero()) {
            return null;
        }
        SoakReport report = new SoakReport(every, heapEvery, deliveries, probe, metricsPage);
        report.timer.scheduleAtFixedRate(report::slice, report.sliceNanos, report.sliceNanos, TimeUnit.NANOSECONDS);
        return report;
    }

    private synchronized void slice() {
        long now = System.nanoTime();
        long delivered = deliveries.measuredDeliveries();
        Histogram latency = deliveries.sliceLatency();
        int index = slices.size() + 1;
        Map<String, Object> slice = new LinkedHashMap<>();
        slice.put("slice", index);
        slice.put("deliveredPerSecond", Math.round((delivered - lastDelivered) / ((now - lastAt) / 1e9)));
        slice.put("p50Ms", latency.getValueAtPercentile(50) / 1000.0);
        slice.put("p99Ms", latency.getValueAtPercentile(99) / 1000.0);
        slice.put("maxMs", latency.getMaxValue() / 1000.0);
        slice.put("serverRssMiB", probe.rssBytes() / (1024 * 1024));
        storageMemory(slice);
        slice.putAll(cpuCores((now - lastAt) / 1e9));
        // after the slice's latencies were read: the forced GC's pause falls into the next slice
        if (heapEvery > 0 && index % heapEvery == 0) {
            slice.put("liveHeapMiB", liveHeapAfterForcedGc() / (1024 * 1024));
        }
        slice.put("loadAverage", ServerProbe.loadAverage());
        slices.add(slice);
        lastDelivered = delivered;
        lastAt = now;
        System.out.println("SLICE " + slice);
    }

    /** RocksDB's memory by kind, as the server reports it: memtables, block cache, table readers. */
    /**
     * The live heap right after a full GC forced with jcmd, as the collector itself measured it:
     * {@code jvm_gc_live_data_size_bytes} on the server's /prometheus, which the JVM's notification of
     * that collection sets to what the old generation kept. {@code GC.heap_info}, read in the same
     * attach, also counts whatever the server allocated between the collection and the reading: at
     * 10,000 messages a second that made run 16's five readings 35, 38, 45, 46 and 56 MiB. Falls back
     * to that reading when the page has no figure for the collection.
     */
    private long liveHeapAfterForcedGc() {
        double forcedBefore = forcedCollections(page());
        long heapInfo = probe.liveHeapBytes();
        long deadline = System.nanoTime() + FORCED_GC_NOTICE.toNanos();
        while (System.nanoTime() < deadline) {
            if (forcedCollections(page()) > forcedBefore) {
                // the listener counts the pause before it sets the live data size: let it finish
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                double live = PrometheusPage.value(page(), "jvm_gc_live_data_size_bytes");
                return Double.isNaN(live) ? heapInfo : Math.round(live);
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return heapInfo;
    }

    /** Collections that jcmd asked for ({@code GC.run}'s cause is "Diagnostic Command"), 0 when the page cannot be read. */
    private static double forcedCollections(String page) {
        return PrometheusPage.byLabel(page, "jvm_gc_pause_seconds_count", "cause").getOrDefault("Diagnostic Command", 0.0);
    }

    /** The server's /prometheus page, empty when the server does not answer. */
    private String page() {
        try {
            return metricsPage.get();
        } catch (RuntimeException serverDown) {
            return "";
        }
    }

    private void storageMemory(Map<String, Object> slice) {
        String page = page();
        if (page.isEmpty()) {
            return;
        }
        PrometheusPage.byLabel(page, "chat_storage_memory_bytes", "kind")
                .forEach((kind, bytes) -> slice.put(key("storage", kind, "MiB"), Math.round(bytes / (1024 * 1024))));
        PrometheusPage.byLabel(page, "chat_storage_level0_files", "family")
                .forEach((family, files) -> slice.put(key("level0", family, ""), Math.round(files)));
        PrometheusPage.byLabel(page, "chat_storage_compaction_pending_bytes", "family")
                .forEach((family, bytes) -> slice.put(key("pendingCompaction", family, "MiB"), Math.round(bytes / (1024 * 1024))));
        compactionByFamily(slice, page);
        groupCommit(slice, page);
        writeStalls(slice, page);
    }


    /** Which family's flushes and merges took RocksDB's background threads' CPU during the slice, in cores. */
    private void compactionByFamily(Map<String, Object> slice, String page) {
        double seconds = (System.nanoTime() - lastAt) / 1e9;
        PrometheusPage.byLabel(page, "chat_storage_compaction_cpu_seconds_total", "family").forEach((family, cpu) ->
                slice.put(key("compactionCores", family, ""),
                        round(since("compactionCpu." + family, cpu) / seconds)));
    }

    /** How often RocksDB slowed down or stopped every write during the slice (none in a healthy run). */
    private void writeStalls(Map<String, Object> slice, String page) {
        Map<String, Double> byCause = PrometheusPage.byLabel(page, "chat_storage_write_stalls_total", "cause");
        if (byCause.isEmpty()) {
            return;
        }
        double delays = byCause.entrySet().stream().filter(e -> e.getKey().endsWith("-delays")).mapToDouble(Map.Entry::getValue).sum();
        double stops = byCause.entrySet().stream().filter(e -> e.getKey().endsWith("-stops")).mapToDouble(Map.Entry::getValue).sum();
        slice.put("writeDelays", Math.round(since("writeDelays", delays)));
        slice.put("writeStops", Math.round(since("writeStops", stops)));
    }

    /**
     * The embedded log's group commit over the slice (its meters, when the server has them): the mean
     * synced write and the largest of the last two minutes, the mean batch's lookups, messages per commit.
     */
    private void groupCommit(Map<String, Object> slice, String page) {
        double commits = since("commits", PrometheusPage.value(page, "chat_log_commit_seconds_count"));
        if (Double.isNaN(commits)) {
            return;
        }
        double commitSeconds = since("commitSeconds", PrometheusPage.value(page, "chat_log_commit_seconds_sum"));
        double messages = since("messages", PrometheusPage.value(page, "chat_log_commit_messages_sum"));
        double lookups = since("lookups", PrometheusPage.value(page, "chat_log_lookups_seconds_count"));
        double lookupSeconds = since("lookupSeconds", PrometheusPage.value(page, "chat_log_lookups_seconds_sum"));
        if (commits > 0) {
            slice.put("commitMeanMs", round(1000 * commitSeconds / commits));
            slice.put("commitMaxMs", round(1000 * PrometheusPage.value(page, "chat_log_commit_seconds_max")));
            slice.put("messagesPerCommit", Math.round(messages / commits));
        }
        if (lookups > 0) {
            slice.put("lookupsMeanMs", round(1000 * lookupSeconds / lookups));
        }
    }

    /**
     * CPU per slice, in cores over {@code seconds}: the server's, the load generator's, and the
     * compactions' (both RocksDB pools together, and the bottom pool's alone, nice 19 by default).
     * It tells a server doing more work per message from one merely waiting longer.
     */
    private Map<String, Object> cpuCores(double seconds) {
        double lowPool = since("lowPoolCpu", probe.threadCpuMillis(COMPACTION_THREADS) / 1e3);
        double bottomPool = since("bottomPoolCpu", probe.threadCpuMillis(BOTTOM_COMPACTION_THREADS) / 1e3);
        Map<String, Object> cores = new LinkedHashMap<>();
        cores.put("serverCores", round(since("serverCpu", probe.cpuMillis() / 1e3) / seconds));
        cores.put("generatorCores", round(since("generatorCpu", generatorCpuNanos() / 1e9) / seconds));
        cores.put("compactionCores", round((lowPool + bottomPool) / seconds));
        cores.put("compactionBottomCores", round(bottomPool / seconds));
        return cores;
    }

    /** How much a counter of the server's grew since the previous slice read it (since it started, the first time). */
    private double since(String counter, double now) {
        Double before = counters.put(counter, now);
        return before == null ? now : now - before;
    }

    /** To two decimals. */
    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    /** ("storage", "block-cache-pinned", "MiB") → "storageBlockCachePinnedMiB"; ("level0", "client_ids", "") → "level0ClientIds". */
    private static String key(String prefix, String name, String suffix) {
        StringBuilder key = new StringBuilder(prefix);
        for (String word : name.split("[-_]")) {
            key.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        return key.append(suffix).toString();
    }

    /** Stops reporting and answers every slice reported. */
    synchronized List<Map<String, Object>> stop() {
        timer.shutdownNow();
        return List.copyOf(slices);
    }
}
