package dev.chat.bootstrap.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * One server process started from the fat jar (the failsafe run passes its path as {@code chat.jar}),
 * in the distributed profile, with a bounded heap. Its output goes to a log file next to the test
 * reports; a process that dies while starting fails the test with the end of that log.
 */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Map<String, String> properties;
    private final int apiPort;
    private final Path log;
    /** The Micronaut environment the process runs in; null for the embedded default. */
    private final String environment;
    private Process process;

    private ServerProcess(String name, Map<String, String> properties, int apiPort, Path log, String environment) {
        this.name = name;
        this.environment = environment;
        this.properties = properties;
        this.apiPort = apiPort;
        this.log = log;
    }

    /** Starts a process of the distributed profile; {@link #awaitReady()} waits for it to serve. */
    static ServerProcess start(String name, Map<String, String> properties) {
        return start(name, properties, "distributed");
    }

    /** Starts a process on the embedded default (no Micronaut environment set). */
    static ServerProcess startEmbedded(String name, Map<String, String> properties) {
        return start(name, properties, null);
    }

    private static ServerProcess start(String name, Map<String, String> properties, String environment) {
        int apiPort = Integer.parseInt(properties.get("micronaut.server.port"));
        Path log = Path.of("target", "cluster-it", name + ".log");
        ServerProcess server = new ServerProcess(name, new TreeMap<>(properties), apiPort, log, environment);
        server.launch();
        return server;
    }

    private void launch() {
        String jar = System.getProperty("chat.jar");
        if (jar == null || !Files.exists(Path.of(jar))) {
            fail("the server's fat jar is missing (" + jar + "): these tests run in `mvn verify` after `package`");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            if (environment == null) {
                builder.environment().remove("MICRONAUT_ENVIRONMENTS");
            } else {
                builder.environment().put("MICRONAUT_ENVIRONMENTS", environment);
            }
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("starting " + name, e);
        }
    }

    /** Waits until the process answers {@code /health} with 200; fails with its log if it died. */
    ServerProcess awaitReady() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                fail(name + " exited with " + process.exitValue() + " while starting:\n" + logTail());
            }
            try {
                HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return this;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            sleep(200);
        }
        fail(name + " did not answer /health within 120 s:\n" + logTail());
        return this;
    }

    String name() {
        return name;
    }

    URI api() {
        return URI.create("http://127.0.0.1:" + apiPort);
    }

    URI gateway() {
        return URI.create("ws://127.0.0.1:" + properties.get("chat.gateway.port") + "/ws");
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** kill -9: no shutdown hook runs, nothing is flushed, no connection is closed politely. */
    void kill() {
        process.destroyForcibly();
        waitFor(30);
    }

    /** SIGTERM, as an operator or an orchestrator stops a server: shutdown hooks run; does not wait. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the process to exit and answers its exit code; fails with its log if it does not. */
    int awaitExit(java.time.Duration within) {
        if (!waitFor((int) Math.max(1, within.toSeconds()))) {
            fail(name + " did not exit within " + within + ":\n" + logTail());
        }
        return process.exitValue();
    }

    /** Starts the same process again (same ports, same data folder, same properties). */
    ServerProcess restart() {
        if (process.isAlive()) {
            close();
        }
        launch();
        return awaitReady();
    }

    /** The UDP port this process takes presence heartbeats on (a gateway). */
    int udpPort() {
        return Integer.parseInt(properties.get("chat.presence.udp.port"));
    }

    /** A counter's value from the process's /prometheus page (0 when absent). */
    double counter(String prometheusName) {
        return sumOfLines(line -> line.startsWith(prometheusName + " ") || line.startsWith(prometheusName + "{"));
    }

    /** One series' value, named with its labels as the page prints them, e.g. {@code m{partition="3"}} (0 when absent). */
    double series(String nameWithLabels) {
        return sumOfLines(line -> line.startsWith(nameWithLabels + " "));
    }

    private double sumOfLines(java.util.function.Predicate<String> wanted) {
        try {
            String page = HTTP.send(HttpRequest.newBuilder(URI.create(api() + "/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double sum = 0;
            for (String line : page.split("\n")) {
                if (wanted.test(line)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return sum;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(30)) {
            process.destroyForcibly();
            waitFor(10);
        }
    }

    private boolean waitFor(int seconds) {
        try {
            return process.waitFor(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A UDP port that is free now and outside the ephemeral range (see {@link #freePort()}). */
    static int freeUdpPort() {
        return PORTS.next(port -> {
            try (java.net.DatagramSocket socket = new java.net.DatagramSocket(port, java.net.InetAddress.getLoopbackAddress())) {
                return true;
            }
        });
    }

    /**
     * A TCP port that is free now, chosen below the kernel's ephemeral range. A port the kernel hands out
     * ({@code new ServerSocket(0)}) lies inside that range, so between this test choosing it and the
     * process binding it, any outgoing connection of the other processes (Kafka, Cassandra and PostgreSQL
     * clients) may take it as its source port: a CI run failed that way with "Address already in use".
     * Ports below the range are never taken by outgoing connections; a JVM-wide set keeps one test from
     * handing out the same port twice, and a restarted process keeps its ports.
     */
    static int freePort() {
        return PORTS.next(port -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port));
                return true;
            }
        });
    }

    private static final PortsBelowEphemeralRange PORTS = new PortsBelowEphemeralRange();

    private static final class PortsBelowEphemeralRange {
        private static final int LOWEST = 10_000;
        private final java.util.Set<Integer> handedOut = new java.util.HashSet<>();
        private final java.util.Random random = new java.util.Random();
        private final int highest = ephemeralLow() - 1;

        interface Probe {
            boolean bindable(int port) throws IOException;
        }

        synchronized int next(Probe probe) {
            for (int attempt = 0; attempt < 1_000; attempt++) {
                int port = LOWEST + random.nextInt(highest - LOWEST + 1);
                if (handedOut.contains(port)) {
                    continue;
                }
                try {
                    if (probe.bindable(port)) {
                        handedOut.add(port);
                        return port;
                    }
                } catch (IOException taken) {
                    // in use: try another
                }
            }
            throw new IllegalStateException("no free port between " + LOWEST + " and " + highest + " after 1,000 tries");
        }

        /** The low end of the kernel's ephemeral range (Linux); 32768 where it cannot be read. */
        private static int ephemeralLow() {
            try {
                // readAllLines, not readString: procfs reports a wrong size and readString reads it short
                String range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).trim();
                int low = Integer.parseInt(range.split("\\s+")[0]);
                return low > LOWEST + 1_000 ? low : 32_768;
            } catch (IOException | RuntimeException e) {
                return 32_768;
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
