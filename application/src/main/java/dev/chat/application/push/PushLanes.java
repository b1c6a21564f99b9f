package dev.chat.application.push;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * One lane per push service (per host): at most {@code perHost} sends under way to it at once; the
 * others wait in line and start, on the push threads, as sends finish. A push service that hangs
 * then holds {@code perHost} connections and no more, and costs nothing else while it hangs; the
 * other push services' lanes are not held up by it.
 */
final class PushLanes {
    private static final class Lane {
        int busy;
        final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    }

    private final int perHost;
    private final Executor work;
    private final Map<String, Lane> lanes = new HashMap<>();

    PushLanes(int perHost, Executor work) {
        if (perHost < 1) {
            throw new IllegalArgumentException("at least one send per push service");
        }
        this.perHost = perHost;
        this.work = work;
    }

    /** Runs {@code send} now if the host's lane has room, else when it has; the send calls {@link #done} when it ends. */
    void submit(String host, Runnable send) {
        synchronized (this) {
            Lane lane = lanes.computeIfAbsent(host, h -> new Lane());
            if (lane.busy >= perHost) {
                lane.waiting.add(send);
                return;
            }
            lane.busy++;
        }
        send.run();
    }

    /** A send to {@code host} ended: the next in its line starts. */
    void done(String host) {
        Runnable next;
        synchronized (this) {
            Lane lane = lanes.get(host);
            if (lane == null) {
                return;
            }
            next = lane.waiting.poll();
            if (next == null) {
                lane.busy--;
                if (lane.busy == 0) {
                    lanes.remove(host);
                }
                return;
            }
        }
        work.execute(next);
    }

    /** Sends waiting for room in their lane. */
    synchronized int waiting() {
        return lanes.values().stream().mapToInt(lane -> lane.waiting.size()).sum();
    }
}
