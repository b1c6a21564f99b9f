package dev.chat.adapter.out.kafka.join;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * One fan-out for every task of the join. A task is one partition, so at 1,000 messages a second
 * over 12 partitions each task has a message or none every 5 ms: a fan-out per task would pay the
 * route query (the batch's one round trip to PostgreSQL) for each message. So the tasks hand their
 * ready messages here, with the memberships read from their own tables, and the first task's flush
 * after {@code every} (or once {@code atMost} messages wait) hands all of them to the fan-out in one
 * batch. The wait between two fan-outs is at least as long as the last one took: while the fan-out
 * waits for PostgreSQL the tasks go on reading, so under load the batches grow with the query time
 * instead of the stream thread spending all of it in one query per few messages. Each task learns through its submission's callback which of its messages went out, and
 * forgets them from its ready store itself (a task's store is written by its own thread only).
 */
final class SharedFanOut {
    private static final Logger LOG = LoggerFactory.getLogger(SharedFanOut.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(1);
    /** The longest wait between two fan-outs that a slow one can impose on the next. */
    static final long MAX_PAUSE_MILLIS = 200;

    /** A task's ready messages, the memberships of their chats, and what to do once they went out. */
    record Submission(List<Message> messages, Map<ChatId, List<Membership>> members, Runnable done) {
    }

    private final JoinFanOut fanOutOn;
    private final JoinCounters counters;
    private final BooleanSupplier running;
    private final long everyMillis;
    private final int atMost;
    private final List<Submission> pending = new ArrayList<>();
    private int pendingMessages;
    private long lastFlush = Long.MIN_VALUE / 2;
    private long lastTookMillis;

    SharedFanOut(JoinFanOut fanOutOn, JoinCounters counters, BooleanSupplier running, Duration every, int atMost) {
        this.fanOutOn = fanOutOn;
        this.counters = counters;
        this.running = running;
        this.everyMillis = every.toMillis();
        this.atMost = atMost;
    }

    synchronized void submit(Submission submission) {
        pending.add(submission);
        pendingMessages += submission.messages().size();
    }

    /**
     * Hands what was submitted to the fan-out if {@code every} has passed since the last time, or
     * enough waits. {@code now}: the tasks' system time (Kafka Streams' wall clock, which tests move).
     */
    synchronized void flushIfDue(long now) {
        if (pending.isEmpty()) {
            return;
        }
        if (now - lastFlush < Math.max(everyMillis, lastTookMillis) && pendingMessages < atMost) {
            return;
        }
        List<Message> batch = new ArrayList<>(pendingMessages);
        Map<ChatId, List<Membership>> members = new HashMap<>();
        for (Submission submission : pending) {
            batch.addAll(submission.messages());
            members.putAll(submission.members());
        }
        long started = System.nanoTime();
        deliver(batch, members);
        pending.forEach(submission -> submission.done().run());
        pending.clear();
        pendingMessages = 0;
        lastTookMillis = Math.min(MAX_PAUSE_MILLIS, (System.nanoTime() - started) / 1_000_000);
        lastFlush = now + lastTookMillis;
    }

    /**
     * Again after a pause while the fan-out fails (the route table or the gateway channel unreachable):
     * the tasks forget their messages only after this returns, so a crash meanwhile loses nothing.
     */
    private void deliver(List<Message> batch, Map<ChatId, List<Membership>> members) {
        Duration backoff = Duration.ofMillis(50);
        while (true) {
            try {
                fanOutOn.on(chat -> members.getOrDefault(chat, List.of())).accept(batch);
                counters.messages.addAndGet(batch.size());
                return;
            } catch (RuntimeException e) {
                if (!running.getAsBoolean()) {
                    throw e;
                }
                LOG.warn("the fan-out failed on {} messages; again in {} ms", batch.size(), backoff.toMillis(), e);
                try {
                    Thread.sleep(backoff.toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
