package dev.chat.benchmarks.load;

import org.HdrHistogram.Histogram;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives a running chat server (or the bare relay) over its public interfaces only: REST to set
 * up users and chats, WebSocket frames to chat. Bounded by its command line, loopback only, and
 * it stops by itself. Prints a report and one {@code RESULT {...}} line for docs/performance.md.
 */
@Command(name = "load", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Load generator for the chat server over its real protocol.")
public final class LoadGenerator implements Callable<Integer> {
    enum Scenario { CONNECT, ONE_TO_ONE, GROUP, OFFLINE, SYNC, HISTORY, HEARTBEAT, MEMBER_ADDED }

    enum Target { CHAT, RELAY }

    @Option(names = "--scenario", required = true, converter = ScenarioConverter.class,
            description = "connect | one-to-one | group | offline | sync | history | heartbeat | member-added")
    Scenario scenario;
    @Option(names = "--target", defaultValue = "chat", converter = TargetConverter.class,
            description = "chat (the server) or relay (the bare relay baseline; one-to-one only)")
    Target target;
    @Option(names = "--api", defaultValue = "http://127.0.0.1:8080") URI api;
    @Option(names = "--gateway", defaultValue = "ws://127.0.0.1:8081/ws", split = ",",
            description = "the gateway(s); with several, devices are spread over them in turn") List<URI> gateways;
    @Option(names = "--relay", defaultValue = "ws://127.0.0.1:8091/ws") URI relay;
    @Option(names = "--users", defaultValue = "100", description = "simulated users") int users;
    @Option(names = "--devices", defaultValue = "1", description = "devices per user (connect)") int devices;
    @Option(names = "--rate", defaultValue = "0",
            description = "offered messages per second in all; 0 = open-loop maximum with a bounded window")
    int rate;
    @Option(names = "--window", defaultValue = "32", description = "messages in flight per sender at maximum rate")
    int window;
    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class) Duration duration;
    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class) Duration warmup;
    @Option(names = "--drain", defaultValue = "10s", converter = DurationConverter.class) Duration drain;
    @Option(names = "--report-every", defaultValue = "0s", converter = DurationConverter.class, description = "one-to-one "
            + "and group: a line per slice of this length while measuring (a soak): deliveries/s, p50/p99/max, server RSS")
    Duration reportEvery;
    @Option(names = "--heap-every", defaultValue = "5", description = "with --report-every: the live heap after a full "
            + "GC (jcmd GC.run, whose pause lands in that slice) every this many slices; 0: never") int heapEvery;
    @Option(names = "--body-bytes", defaultValue = "100") int bodyBytes;
    @Option(names = "--messages", defaultValue = "1000", description = "messages waiting (offline, sync, history)")
    int messages;
    @Option(names = "--group-size", defaultValue = "50") int groupSize;
    @Option(names = "--senders", defaultValue = "10", description = "senders in the group scenario") int groupSenders;
    @Option(names = "--reads", defaultValue = "2000", description = "history pages read") int reads;
    @Option(names = "--trials", defaultValue = "50", description = "members added one after another (member-added)")
    int trials;
    @Option(names = "--presence-port", defaultValue = "8082", description = "the server's UDP heartbeat port")
    int presencePort;
    @Option(names = "--presence-metrics", description = "the /prometheus page of the process that receives the "
            + "heartbeats (default: the API's)") URI presenceMetrics;
    @Option(names = "--push-service", defaultValue = "none", description = "one-to-one: also send to offline users "
            + "whose Web Push service on loopback answers at once (answering) or hangs for 30 s (hanging); none: no such "
            + "traffic") String pushService;
    @Option(names = "--offline-users", defaultValue = "100", description = "users with a push target and no device "
            + "(with --push-service)") int offlineUsers;
    @Option(names = "--offline-rate", defaultValue = "200", description = "messages/s to the offline users "
            + "(with --push-service)") int offlineRate;
    @Option(names = "--udp-threads", defaultValue = "2", description = "threads sending heartbeats") int udpThreads;
    @Option(names = "--server-pid", defaultValue = "-1", split = ",",
            description = "pid(s) of the server's processes, for RSS, CPU and heap (summed over several)")
    List<Long> serverPids;

    /** Handshake times of every connection made, in microseconds. */
    private final org.HdrHistogram.ConcurrentHistogram handshakes = new org.HdrHistogram.ConcurrentHistogram(3);
    private final String runId = Long.toString(System.currentTimeMillis() % 10_000_000, 36);
    private final Map<String, Object> result = new java.util.LinkedHashMap<>();
    private ChatApi chatApi;
    private ServerProbe probe;
    private WebSocketClient client;

    public static void main(String[] args) {
        System.exit(new CommandLine(new LoadGenerator()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        chatApi = new ChatApi(api);
        probe = new ServerProbe(serverPids);
        QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("load-ws");
        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient();
        http.setExecutor(threads);
        client = new WebSocketClient(http);
        client.setIdleTimeout(Duration.ofMinutes(10));
        client.setMaxTextMessageSize(1 << 20);
        client.start();
        result.put("scenario", scenario.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        result.put("target", target.name().toLowerCase(Locale.ROOT));
        result.put("loadAverageBefore", ServerProbe.loadAverage());
        try {
            switch (scenario) {
                case CONNECT -> connect();
                case ONE_TO_ONE -> oneToOne();
                case GROUP -> group();
                case OFFLINE -> catchUp(false);
                case SYNC -> catchUp(true);
                case HISTORY -> history();
                case HEARTBEAT -> heartbeats();
                case MEMBER_ADDED -> memberAdded();
            }
        } finally {
            client.stop();
        }
        result.put("loadAverageAfter", ServerProbe.loadAverage());
        System.out.println("RESULT " + new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(result));
        return 0;
    }

    // ---------- set-up

    private List<ChatApi.User> signUp(int count) throws InterruptedException {
        List<ChatApi.User> created = new ArrayList<>(java.util.Collections.nCopies(count, null));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch done = new CountDownLatch(count);
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            int index = i;
            pool.execute(() -> {
                try {
                    created.set(index, chatApi.signUp("lg-" + runId + "-" + index, "load generator password"));
                } catch (RuntimeException e) {
                    if (failures.incrementAndGet() == 1) {
                        System.err.println("sign-up failed: " + e.getMessage());
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        pool.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " sign-ups failed");
        }
        System.out.printf("signed up %d users in %.1f s%n", count, (System.nanoTime() - start) / 1e9);
        return created;
    }

    /** Connects one device per entry, waits for each to be caught up (chat) or open (relay). */
    private List<Device> connectAll(List<String> tokens, List<String> queries, java.util.function.IntFunction<java.util.function.Consumer<String>> handlers)
            throws Exception {
        int n = queries.size();
        List<Device> connected = new ArrayList<>(java.util.Collections.nCopies(n, null));
        CountDownLatch ready = new CountDownLatch(n);
        Semaphore inFlight = new Semaphore(256);
        AtomicInteger refused = new AtomicInteger();
        for (int i = 0; i < n; i++) {
            int index = i;
            inFlight.acquire();
            long began = System.nanoTime();
            java.util.function.Consumer<String> handler = handlers.apply(index);
            CompletableFuture<Device> future = Device.connect(client,
                    target == Target.RELAY ? relay : gateways.get(index % gateways.size()),
                    tokens == null ? null : tokens.get(index), queries.get(index), frame -> {
                        if (frame.startsWith("{\"type\":\"caught_up\"")) {
                            ready.countDown();
                        }
                        handler.accept(frame);
                    });
            future.whenComplete((device, failure) -> {
                inFlight.release();
                if (failure != null) {
                    refused.incrementAndGet();
                    ready.countDown();
                } else {
                    // TCP connect, upgrade and the server's token check: what a reconnect storm waits for
                    handshakes.recordValue(Math.max(1, (System.nanoTime() - began) / 1_000));
                    connected.set(index, device);
                    if (target == Target.RELAY) {
                        ready.countDown();
                    }
                }
            });
        }
        if (!ready.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException("devices did not connect in 5 minutes");
        }
        // a device's caught_up can arrive before its connect future completes and hands it over
        long handedOver = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (refused.get() == 0 && connected.contains(null) && System.nanoTime() < handedOver) {
            Thread.sleep(1);
        }
        result.put("refused", refused.get());
        if (refused.get() > 0) {
            System.err.println(refused.get() + " connections refused or failed");
        }
        return connected;
    }

    // ---------- scenarios

    private void connect() throws Exception {
        int connections = users * devices;
        List<ChatApi.User> people = signUp(users);
        long rssBefore = probe.rssBytes();
        long heapBefore = probe.liveHeapBytes();
        List<String> tokens = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            tokens.add(people.get(i % users).token());
            queries.add("device=d" + (i / users));
        }
        long start = System.nanoTime();
        List<Device> open = connectAll(tokens, queries, i -> frame -> { });
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(2_000);
        long stillOpen = open.stream().filter(d -> d != null && d.connected()).count();
        long rssAfter = probe.rssBytes();
        long heapAfter = probe.liveHeapBytes();
        result.put("connections", connections);
        result.put("open", stillOpen);
        result.put("connectsPerSecond", round(connections / seconds));
        result.put("handshakeP50Ms", ms(handshakes.getValueAtPercentile(50)));
        result.put("handshakeP99Ms", ms(handshakes.getValueAtPercentile(99)));
        result.put("handshakeMaxMs", ms(handshakes.getMaxValue()));
        result.put("rssGrowthBytes", rssAfter - rssBefore);
        result.put("rssPerConnectionBytes", rssBefore < 0 ? -1 : (rssAfter - rssBefore) / connections);
        result.put("liveHeapPerConnectionBytes", heapBefore < 0 ? -1 : (heapAfter - heapBefore) / connections);
        // with the heap fixed and pre-touched (scripts/bench), RSS grows only by what lies outside the
        // heap: a connection's memory is that plus its share of the live heap
        long memoryPerConnection = rssBefore < 0 || heapBefore < 0 ? -1
                : ((rssAfter - rssBefore) + (heapAfter - heapBefore)) / connections;
        result.put("memoryPerConnectionBytes", memoryPerConnection);
        result.put("serverRssBytes", rssAfter);
        System.out.printf("connect: handshakes p50 %.1f ms, p99 %.1f ms, max %.1f ms (256 at a time)%n",
                result.get("handshakeP50Ms"), result.get("handshakeP99Ms"), result.get("handshakeMaxMs"));
        System.out.printf("connect: %d/%d open, %.0f connects/s, RSS +%d KB (%d B per connection), live heap %d B per "
                        + "connection, memory per connection %d B (RSS growth + live heap growth)%n",
                stillOpen, connections, connections / seconds, (rssAfter - rssBefore) / 1024,
                result.get("rssPerConnectionBytes"), result.get("liveHeapPerConnectionBytes"), memoryPerConnection);
        open.forEach(d -> {
            if (d != null) {
                d.close();
            }
        });
    }

    private void oneToOne() throws Exception {
        int n = users - users % 2;
        List<String> tokens = null;
        List<String> chats = new ArrayList<>(java.util.Collections.nCopies(n, null));
        List<String> queries = new ArrayList<>();
        boolean pushing = !"none".equals(pushService);
        List<ChatApi.User> offline = List.of();
        if (target == Target.CHAT) {
            List<ChatApi.User> everyone = signUp(n + (pushing ? offlineUsers + 1 : 0));
            List<ChatApi.User> people = everyone.subList(0, n);
            offline = everyone.subList(n, everyone.size());
            tokens = people.stream().map(ChatApi.User::token).toList();
            for (int i = 0; i < n; i += 2) {
                String chat = chatApi.openDirectChat(people.get(i), people.get(i + 1));
                chats.set(i, chat);
                chats.set(i + 1, chat);
            }
            for (int i = 0; i < n; i++) {
                queries.add("device=load");
            }
        } else {
            for (int i = 0; i < n; i++) {
                chats.set(i, "relay");
                queries.add("device=" + runId + "-" + i + "&peer=" + runId + "-" + (i ^ 1));
            }
        }
        Deliveries deliveries = new Deliveries(n);
        Acks acks = new Acks();
        List<Device> devices = connectAll(tokens, queries, recipient -> frame -> onFrame(recipient, frame, deliveries, acks));
        if (!pushing) {
            run(devices, chats, deliveries, acks, 1, i -> i);
            return;
        }
        try (OfflineTraffic traffic = offlineTraffic(offline)) {
            run(devices, chats, deliveries, acks, 1, i -> i);
            result.put("pushService", pushService);
            result.put("offlineMessages", traffic.sent.get());
            result.put("pushRequests", traffic.service.requests());
        }
    }

    /**
     * Messages at {@code --offline-rate} from one connected sender to users with a Web Push target
     * on a loopback push service and no device: each of them makes the server push (at most once per
     * chat per {@code chat.push.interval}), while the one-to-one load is measured beside it.
     */
    private OfflineTraffic offlineTraffic(List<ChatApi.User> people) throws Exception {
        LoopbackPushService service = new LoopbackPushService("hanging".equals(pushService)
                ? LoopbackPushService.Mode.HANGING : LoopbackPushService.Mode.ANSWERING, 30);
        ChatApi.User sender = people.get(0);
        List<String> chats = new ArrayList<>();
        for (int i = 1; i < people.size(); i++) {
            String[] keys = LoopbackPushService.browserKeys();
            chatApi.registerWebPush(people.get(i), "browser", service.endpoint(runId + "-" + i), keys[0], keys[1]);
            chats.add(chatApi.openDirectChat(sender, people.get(i)));
        }
        Device device = connectAll(List.of(sender.token()), List.of("device=notifier"), i -> frame -> { }).get(0);
        OfflineTraffic traffic = new OfflineTraffic(service, device, new java.util.concurrent.atomic.AtomicLong(),
                Executors.newSingleThreadScheduledExecutor());
        long periodMicros = 1_000_000L / Math.max(1, offlineRate);
        traffic.ticker.scheduleAtFixedRate(() -> {
            long n = traffic.sent.getAndIncrement();
            device.send(Frames.send("off-" + n, chats.get((int) (n % chats.size())), "while you were away " + n));
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
        return traffic;
    }

    private record OfflineTraffic(LoopbackPushService service, Device device, java.util.concurrent.atomic.AtomicLong sent,
                                  java.util.concurrent.ScheduledExecutorService ticker) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            ticker.shutdownNow();
            device.close();
            service.close();
        }
    }

    /**
     * How soon a member added through REST gets the group's next message: for each trial a new user
     * connects (gateways in turn), the admin adds them, and from the REST answer the clock runs until
     * the admin's next message reaches their device. In the distributed profile that is the change's
     * way through the capture into the join's table, then the message's through the pipeline.
     * Each newcomer is removed again after their trial (ClusterOfProcessesIT checks what a removal
     * stops; this only measures).
     */
    private void memberAdded() throws Exception {
        List<ChatApi.User> people = signUp(trials + 1);
        ChatApi.User admin = people.get(0);
        String group = chatApi.createGroup(admin, "joiners " + runId, List.of());
        Acks acks = new Acks();
        Device adminDevice = connectAll(List.of(admin.token()), List.of("device=admin"), i -> frame -> {
            if ("accepted".equals(Frames.type(frame))) {
                acks.accepted.increment();
            } else if ("error".equals(Frames.type(frame))) {
                acks.error(frame);
            }
        }).get(0);
        long[] micros = new long[trials];
        for (int t = 0; t < trials; t++) {
            ChatApi.User newcomer = people.get(t + 1);
            CompletableFuture<Long> first = new CompletableFuture<>();
            List<URI> all = gateways;
            gateways = List.of(all.get(t % all.size()));
            Device device;
            try {
                device = connectAll(List.of(newcomer.token()), List.of("device=phone"), i -> frame -> {
                    if ("message".equals(Frames.type(frame)) && frame.contains(group)) {
                        first.complete(System.nanoTime());
                    }
                }).get(0);
            } finally {
                gateways = all;
            }
            chatApi.addMember(admin, group, newcomer.id());
            long answered = System.nanoTime();
            adminDevice.send(Frames.send("t" + t, group, "welcome " + t));
            micros[t] = (first.get(30, TimeUnit.SECONDS) - answered) / 1_000;
            chatApi.removeMember(admin, group, newcomer.id());
            device.close();
        }
        adminDevice.close();
        long[] sorted = micros.clone();
        java.util.Arrays.sort(sorted);
        double p50 = sorted[(int) Math.ceil(0.50 * trials) - 1] / 1000.0;
        double p99 = sorted[(int) Math.ceil(0.99 * trials) - 1] / 1000.0;
        System.out.printf("member added through REST -> first group message on their device, %d trials: "
                + "p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", trials, p50, p99, sorted[trials - 1] / 1000.0);
        result.put("trials", trials);
        result.put("p50Ms", p50);
        result.put("p99Ms", p99);
        result.put("maxMs", sorted[trials - 1] / 1000.0);
        result.put("errors", acks.errors.toString());
    }

    private void group() throws Exception {
        List<ChatApi.User> people = signUp(groupSize);
        String group = chatApi.createGroup(people.get(0), "load " + runId,
                people.subList(1, groupSize).stream().map(ChatApi.User::id).toList());
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < groupSize; i++) {
            queries.add("device=load");
        }
        Deliveries deliveries = new Deliveries(groupSenders);
        Acks acks = new Acks();
        List<Device> devices = connectAll(people.stream().map(ChatApi.User::token).toList(), queries,
                recipient -> frame -> onFrame(recipient, frame, deliveries, acks));
        List<String> chats = java.util.Collections.nCopies(groupSize, group);
        run(devices, chats, deliveries, acks, groupSize - 1, i -> i);
    }

    private static void onFrame(int recipient, String frame, Deliveries deliveries, Acks acks) {
        String type = Frames.type(frame);
        switch (type) {
            case "message", "send" -> {
                String body = Frames.body(frame);
                if (body != null) {
                    deliveries.received(recipient, body);
                }
            }
            case "accepted" -> acks.accepted.increment();
            case "error" -> acks.error(frame);
            default -> { }
        }
    }

    /** Counts acknowledgements and error frames by code. */
    static final class Acks {
        final LongAdder accepted = new LongAdder();
        final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();

        void error(String frame) {
            int start = frame.indexOf("\"code\":\"") + 8;
            String code = start < 8 ? "?" : frame.substring(start, frame.indexOf('"', start));
            errors.computeIfAbsent(code, c -> new LongAdder()).increment();
        }
    }

    /**
     * Sends from the first {@code senders} devices (one-to-one: every device) at the offered rate,
     * or at the open-loop maximum with a bounded window, for warm-up plus duration; measures after
     * the warm-up; then drains.
     */
    private void run(List<Device> devices, List<String> chats, Deliveries deliveries, Acks acks, int fanOut,
                     java.util.function.IntUnaryOperator senderDevice) throws Exception {
        int senders = scenario == Scenario.GROUP ? groupSenders : devices.size();
        long start = System.nanoTime();
        long measureFrom = start + warmup.toNanos();
        long end = measureFrom + duration.toNanos();
        long cpuBefore = -1;
        boolean measuring = false;
        SoakReport soak = null;
        long interval = rate > 0 ? 1_000_000_000L / rate : 0;
        long next = start;
        int turn = 0;
        long[] seq = new long[senders];
        while (true) {
            long now = System.nanoTime();
            if (!measuring && now >= measureFrom) {
                deliveries.startMeasuring();
                cpuBefore = probe.cpuMillis();
                measuring = true;
                soak = SoakReport.start(reportEvery, heapEvery, deliveries, probe, chatApi::prometheus);
            }
            if (now >= end) {
                break;
            }
            if (rate > 0) {
                while (next <= now) {
                    int sender = turn++ % senders;
                    send(devices, chats, deliveries, sender, ++seq[sender], senderDevice);
                    next += interval;
                }
                LockSupport.parkNanos(Math.min(next - now, 200_000));
            } else {
                boolean sent = false;
                for (int sender = 0; sender < senders; sender++) {
                    long inFlight = deliveries.sentBy(sender) * fanOut - deliveries.deliveredOf(sender);
                    if (inFlight < (long) window * fanOut) {
                        send(devices, chats, deliveries, sender, ++seq[sender], senderDevice);
                        sent = true;
                    }
                }
                if (!sent) {
                    // every window is full: wait for deliveries rather than spin (a 20 µs poll took
                    // ~0.2 core of the two the server shares; 6,400 messages are in flight meanwhile)
                    LockSupport.parkNanos(200_000);
                }
            }
        }
        if (soak != null) {
            List<Map<String, Object>> slices = soak.stop();
            result.put("slices", slices);
            List<SoakTrend> trends = SoakTrend.of(slices, reportEvery);
            trends.forEach(trend -> System.out.println("TREND " + trend));
            List<String> rising = SoakTrend.rising(trends);
            System.out.println(SoakTrend.verdict(trends));
            result.put("trend", trends);
            result.put("rising", rising);
        }
        deliveries.stopMeasuring();
        long cpuAfter = probe.cpuMillis();
        long measuredNanos = end - measureFrom;
        long sent = deliveries.totalSent();
        long deadline = System.nanoTime() + drain.toNanos();
        long expected = sent * fanOut;
        while (deliveries.delivered() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (target == Target.CHAT) {
            long ackDeadline = System.nanoTime() + drain.toNanos();
            while (acks.accepted.sum() + errorCount(acks) < sent && System.nanoTime() < ackDeadline) {
                Thread.sleep(50);
            }
        }
        Histogram latency = deliveries.latency();
        double perSecond = deliveries.measuredDeliveries() / (measuredNanos / 1e9);
        long acknowledged = acks.accepted.sum();
        long shouldArrive = target == Target.CHAT ? acknowledged * fanOut : sent * fanOut;
        result.put("offeredRate", rate == 0 ? "max" : rate);
        result.put("senders", senders);
        result.put("fanOut", fanOut);
        result.put("sent", sent);
        result.put("acknowledged", acknowledged);
        result.put("deliveredPerSecond", round(perSecond));
        result.put("p50Ms", ms(latency.getValueAtPercentile(50)));
        result.put("p95Ms", ms(latency.getValueAtPercentile(95)));
        result.put("p99Ms", ms(latency.getValueAtPercentile(99)));
        result.put("maxMs", ms(latency.getMaxValue()));
        result.put("notDelivered", Math.max(0, shouldArrive - deliveries.delivered()));
        result.put("duplicates", deliveries.duplicates());
        Map<String, Long> errors = new java.util.TreeMap<>();
        acks.errors.forEach((code, count) -> errors.put(code, count.sum()));
        result.put("errors", errors);
        if (cpuBefore >= 0 && cpuAfter >= 0) {
            result.put("serverCpuCores", round((cpuAfter - cpuBefore) / (measuredNanos / 1e6)));
            result.put("serverRssBytes", probe.rssBytes());
        }
        System.out.printf("%s/%s: %.0f deliveries/s, latency p50 %.2f ms p95 %.2f ms p99 %.2f ms max %.2f ms, "
                        + "sent %d, acknowledged %d, not delivered %d, duplicates %d, errors %s%n",
                result.get("scenario"), result.get("target"), perSecond, result.get("p50Ms"), result.get("p95Ms"),
                result.get("p99Ms"), result.get("maxMs"), sent, acknowledged, result.get("notDelivered"),
                deliveries.duplicates(), errors);
        devices.forEach(d -> {
            if (d != null) {
                d.close();
            }
        });
    }

    private static long errorCount(Acks acks) {
        return acks.errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    private void send(List<Device> devices, List<String> chats, Deliveries deliveries, int sender, long seq,
                      java.util.function.IntUnaryOperator senderDevice) {
        int device = senderDevice.applyAsInt(sender);
        deliveries.sent(sender);
        devices.get(device).send(Frames.send("m" + sender + "-" + seq + "-" + runId, chats.get(device),
                Frames.body(sender, seq, bodyBytes)));
    }

    /** offline: a user with no device gets {@code messages}; sync: a second device of a connected user does. */
    private void catchUp(boolean secondDevice) throws Exception {
        List<ChatApi.User> people = signUp(2);
        ChatApi.User sender = people.get(0);
        ChatApi.User reader = people.get(1);
        String chat = chatApi.openDirectChat(sender, reader);
        Deliveries deliveries = new Deliveries(1);
        Acks acks = new Acks();
        CountDownLatch senderReady = new CountDownLatch(1);
        Device senderDevice = Device.connect(client, gateways.get(0), sender.token(), "device=load", frame -> {
            if (frame.startsWith("{\"type\":\"caught_up\"")) {
                senderReady.countDown();
            }
            onFrame(-1, frame, deliveries, acks);
        }).get(30, TimeUnit.SECONDS);
        senderReady.await(30, TimeUnit.SECONDS);
        Device firstDevice = null;
        if (secondDevice) {
            CountDownLatch first = new CountDownLatch(1);
            firstDevice = Device.connect(client, gateways.get(0), reader.token(), "device=phone", frame -> {
                if (frame.startsWith("{\"type\":\"caught_up\"")) {
                    first.countDown();
                }
            }).get(30, TimeUnit.SECONDS);
            first.await(30, TimeUnit.SECONDS);
        }
        long sendStart = System.nanoTime();
        for (int i = 1; i <= messages; i++) {
            senderDevice.send(Frames.send("c" + i, chat, Frames.body(0, i, bodyBytes)));
            if (i % 500 == 0) {
                while (acks.accepted.sum() + errorCount(acks) < i - 1_000) {
                    Thread.sleep(1);
                }
            }
        }
        while (acks.accepted.sum() + errorCount(acks) < messages) {
            Thread.sleep(5);
        }
        System.out.printf("%d messages acknowledged in %.2f s%n", messages, (System.nanoTime() - sendStart) / 1e9);
        Thread.sleep(500);
        AtomicLong caughtUpAt = new AtomicLong();
        AtomicLong received = new AtomicLong();
        CountDownLatch caughtUp = new CountDownLatch(1);
        long connectStart = System.nanoTime();
        Device readerDevice = Device.connect(client, gateways.get(0), reader.token(), "device=tablet", frame -> {
            String type = Frames.type(frame);
            if ("message".equals(type)) {
                received.incrementAndGet();
            } else if ("caught_up".equals(type)) {
                caughtUpAt.set(System.nanoTime());
                caughtUp.countDown();
            }
        }).get(30, TimeUnit.SECONDS);
        long connected = System.nanoTime();
        caughtUp.await(2, TimeUnit.MINUTES);
        double totalMs = (caughtUpAt.get() - connectStart) / 1e6;
        result.put("waiting", messages);
        result.put("received", received.get());
        result.put("connectMs", round((connected - connectStart) / 1e6));
        result.put("catchUpMs", round(totalMs));
        System.out.printf("%s: %d of %d waiting messages delivered %.1f ms after connecting (handshake %.1f ms)%n",
                result.get("scenario"), received.get(), messages, totalMs, (connected - connectStart) / 1e6);
        readerDevice.close();
        senderDevice.close();
        if (firstDevice != null) {
            firstDevice.close();
        }
    }

    private void history() throws Exception {
        List<ChatApi.User> people = signUp(2);
        ChatApi.User writer = people.get(0);
        ChatApi.User reader = people.get(1);
        String chat = chatApi.openDirectChat(writer, reader);
        Acks acks = new Acks();
        Deliveries unused = new Deliveries(1);
        CountDownLatch ready = new CountDownLatch(1);
        Device device = Device.connect(client, gateways.get(0), writer.token(), "device=load", frame -> {
            if (frame.startsWith("{\"type\":\"caught_up\"")) {
                ready.countDown();
            }
            onFrame(-1, frame, unused, acks);
        }).get(30, TimeUnit.SECONDS);
        ready.await(30, TimeUnit.SECONDS);
        for (int i = 1; i <= messages; i++) {
            device.send(Frames.send("h" + i, chat, Frames.body(0, i, bodyBytes)));
            if (i % 500 == 0) {
                while (acks.accepted.sum() < i - 1_000) {
                    Thread.sleep(1);
                }
            }
        }
        while (acks.accepted.sum() + errorCount(acks) < messages) {
            Thread.sleep(5);
        }
        device.close();
        Histogram latency = new Histogram(3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < reads; i++) {
            all.add(CompletableFuture.runAsync(() -> {
                long from = ThreadLocalRandom.current().nextLong(0, Math.max(1, messages - 50));
                long t0 = System.nanoTime();
                chatApi.historyPage(reader, chat, from, 50);
                long micros = (System.nanoTime() - t0) / 1_000;
                synchronized (latency) {
                    latency.recordValue(micros);
                }
            }, pool));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        result.put("reads", reads);
        result.put("readsPerSecond", round(reads / seconds));
        result.put("p50Ms", ms(latency.getValueAtPercentile(50)));
        result.put("p99Ms", ms(latency.getValueAtPercentile(99)));
        System.out.printf("history: %d pages of 50 in %.1f s = %.0f pages/s, p50 %.2f ms, p99 %.2f ms%n",
                reads, seconds, reads / seconds, result.get("p50Ms"), result.get("p99Ms"));
    }

    /**
     * Presence heartbeats through the real UDP socket: {@code users} presence sessions opened over
     * REST, then signed datagrams as fast as {@code udp-threads} can send them, for the duration.
     * The accepted rate is read from the server's own counter, so datagrams lost in the kernel
     * (a full socket buffer) do not count; CPU per datagram comes from /proc.
     */
    private void heartbeats() throws Exception {
        List<ChatApi.User> people = signUp(users);
        List<HeartbeatSender.Session> sessions = new ArrayList<>();
        for (ChatApi.User user : people) {
            sessions.add(chatApi.openPresenceSession(user));
        }
        HeartbeatSender sender = new HeartbeatSender(new java.net.InetSocketAddress(api.getHost(), presencePort),
                sessions);
        sender.run(udpThreads, warmup);
        long acceptedBefore = acceptedHeartbeats();
        long cpuBefore = probe.cpuMillis();
        long start = System.nanoTime();
        long sent = sender.run(udpThreads, duration);
        double seconds = (System.nanoTime() - start) / 1e9;
        Thread.sleep(500);
        long accepted = acceptedHeartbeats() - acceptedBefore;
        long cpu = probe.cpuMillis() - cpuBefore;
        result.put("sessions", sessions.size());
        result.put("sentPerSecond", round(sent / seconds));
        result.put("acceptedPerSecond", round(accepted / seconds));
        result.put("accepted", accepted);
        result.put("sent", sent);
        if (cpuBefore >= 0) {
            result.put("serverCpuCores", round(cpu / (seconds * 1000)));
            result.put("serverCpuMicrosPerDatagram", round(cpu * 1000.0 / Math.max(1, accepted)));
        }
        System.out.printf("heartbeat: sent %.0f/s, accepted %.0f/s by the server (%d of %d), server CPU %s µs per datagram%n",
                sent / seconds, accepted / seconds, accepted, sent, result.get("serverCpuMicrosPerDatagram"));
    }

    private long acceptedHeartbeats() {
        String page = presenceMetrics == null ? chatApi.prometheus() : ChatApi.page(presenceMetrics);
        return PrometheusPage.byLabel(page, "chat_presence_datagrams_total", "dropped").getOrDefault("none", 0.0).longValue();
    }

    private static double ms(long micros) {
        return round(micros / 1000.0);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }

    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long amount = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> throw new CommandLine.TypeConversionException("use 500ms, 20s or 2m");
            };
        }
    }

    static final class ScenarioConverter implements CommandLine.ITypeConverter<Scenario> {
        @Override
        public Scenario convert(String value) {
            return Scenario.valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
        }
    }

    static final class TargetConverter implements CommandLine.ITypeConverter<Target> {
        @Override
        public Target convert(String value) {
            return Target.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
