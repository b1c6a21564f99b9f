package dev.chat.benchmarks.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Reads the server process from outside, as an operator would: resident memory and CPU time from
 * /proc, live heap after a full GC (jcmd GC.run, then the JVM's own heap figure from jcmd
 * GC.heap_info). Absent a pid, it reports nothing.
 */
public final class ServerProbe {
    private static final long TICKS_PER_SECOND = 100;
    /** The first of the server's processes: heap figures are for it alone. */
    private final long pid;
    private final java.util.List<Long> pids;

    ServerProbe(java.util.List<Long> pids) {
        this.pids = java.util.List.copyOf(pids);
        this.pid = pids.isEmpty() ? -1 : pids.get(0);
    }

    private ServerProbe(long pid) {
        this.pid = pid;
        this.pids = java.util.List.of(pid);
    }

    /** A probe of one process (the storage benchmarks probe themselves). */
    public static ServerProbe of(long pid) {
        return new ServerProbe(pid);
    }

    boolean present() {
        return pid > 0 && Files.exists(Path.of("/proc/" + pid));
    }

    /** Resident set size in bytes, summed over the server's processes. */
    public long rssBytes() {
        if (pids.size() > 1) {
            return pids.stream().mapToLong(p -> new ServerProbe(p).rssBytes()).sum();
        }
        if (!present()) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** User plus system CPU time of the process (summed over the server's processes), in milliseconds. */
    long cpuMillis() {
        if (pids.size() > 1) {
            return pids.stream().mapToLong(p -> new ServerProbe(p).cpuMillis()).sum();
        }
        if (!present()) {
            return -1;
        }
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            return ticks * 1000 / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time of the server's threads whose name starts with {@code prefix} (for example
     * {@code rocksdb:low}, the storage's compactions), in milliseconds; threads that ended are not counted.
     */
    public long threadCpuMillis(String prefix) {
        if (!present()) {
            return -1;
        }
        long ticks = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    if (!Files.readString(task.resolve("comm")).startsWith(prefix)) {
                        continue;
                    }
                    String stat = Files.readString(task.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                } catch (IOException | RuntimeException threadEnded) {
                    // gone between the listing and the read
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks * 1000 / TICKS_PER_SECOND;
    }

    /** Heap in use right after a full GC, in bytes (-1 when jcmd is not available). */
    long liveHeapBytes() {
        if (!present()) {
            return -1;
        }
        // One attach for both commands: with two jcmd processes the server kept allocating for the
        // ~300 ms the second one took to start, and "after GC" read anywhere from 90 to 230 MiB.
        String info = jcmdSequence("GC.run", "GC.heap_info");
        // G1: " garbage-first heap   total 262144K, used 51234K [..."
        int used = info.indexOf("used ");
        if (used < 0) {
            return -1;
        }
        String number = info.substring(used + 5, info.indexOf('K', used));
        return Long.parseLong(number.trim()) * 1024;
    }

    private String jcmdSequence(String... commands) {
        Path file = null;
        try {
            file = Files.createTempFile("server-probe", ".jcmd");
            Files.write(file, List.of(commands));
            return jcmd("-f", file.toString());
        } catch (IOException e) {
            return "";
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // a temporary file left behind harms nothing
                }
            }
        }
    }

    private String jcmd(String... arguments) {
        List<String> command = new ArrayList<>(List.of("jcmd", Long.toString(pid)));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes());
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
