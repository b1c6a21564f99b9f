package dev.chat.bootstrap.fuzz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * What one interface's fuzzing saw, counted by group (inputs, answers, closes...) and key, plus the
 * violations of the documented behaviour with their first examples. Its summary is the one line
 * per interface that docs/reliability.md quotes.
 */
final class Tally {
    private static final int EXAMPLES_KEPT = 40;
    private static final int EXAMPLES_PER_KIND = 2;

    private final String interfaceName;
    private final Map<String, Map<String, LongAdder>> groups = new LinkedHashMap<>();
    private final AtomicLong violations = new AtomicLong();
    private final List<String> examples = new ArrayList<>();

    Tally(String interfaceName) {
        this.interfaceName = interfaceName;
    }

    void count(String group, String key) {
        add(group, key, 1);
    }

    void add(String group, String key, long n) {
        Map<String, LongAdder> counts;
        synchronized (groups) {
            counts = groups.computeIfAbsent(group, g -> new ConcurrentSkipListMap<>());
        }
        counts.computeIfAbsent(key, k -> new LongAdder()).add(n);
    }

    long get(String group, String key) {
        synchronized (groups) {
            Map<String, LongAdder> counts = groups.get(group);
            LongAdder n = counts == null ? null : counts.get(key);
            return n == null ? 0 : n.sum();
        }
    }

    long total(String group) {
        synchronized (groups) {
            Map<String, LongAdder> counts = groups.get(group);
            return counts == null ? 0 : counts.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }

    /**
     * A broken promise of the documentation: counted by kind (the text before the first colon), and
     * the first examples of each kind kept to show.
     */
    void violation(String what) {
        violations.incrementAndGet();
        int colon = what.indexOf(':');
        String kind = colon < 0 ? what : what.substring(0, colon);
        add("violations", kind.length() > 120 ? kind.substring(0, 120) : kind, 1);
        synchronized (examples) {
            long shown = examples.stream().filter(e -> e.startsWith(kind)).count();
            if (shown < EXAMPLES_PER_KIND && examples.size() < EXAMPLES_KEPT) {
                examples.add(what.length() > 1500 ? what.substring(0, 1500) + "…" : what);
            }
        }
    }

    long violations() {
        return violations.get();
    }

    List<String> examples() {
        synchronized (examples) {
            return List.copyOf(examples);
        }
    }

    /** One line: {@code FUZZ <interface> group{key=n, ...} ... violations=n}. */
    String summary() {
        StringBuilder line = new StringBuilder("FUZZ ").append(interfaceName);
        synchronized (groups) {
            for (Map.Entry<String, Map<String, LongAdder>> group : groups.entrySet()) {
                line.append(' ').append(group.getKey()).append('{').append(group.getValue().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().sum()).collect(Collectors.joining(", ")))
                        .append('}');
            }
        }
        return line.append(" violations=").append(violations.get()).toString();
    }
}
