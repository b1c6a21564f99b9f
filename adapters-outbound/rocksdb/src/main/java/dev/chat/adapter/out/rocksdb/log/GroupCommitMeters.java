package dev.chat.adapter.out.rocksdb.log;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.util.concurrent.TimeUnit;

/**
 * The log's own timings, on {@code /prometheus}: what each append's idempotency lookup took
 * ({@code chat_log_lookup_seconds}, on the sender's thread), what each group commit's synced write
 * took ({@code chat_log_commit_seconds}) and how many messages it carried
 * ({@code chat_log_commit_messages}). The writer is one thread and every acknowledgement waits for
 * it, so these tell an operator (and the soak) whether a latency spike was the disk's sync, the
 * lookups, or neither.
 */
final class GroupCommitMeters {
    /** Meters registered nowhere: an empty composite registry makes them no-ops. */
    static final GroupCommitMeters NONE = new GroupCommitMeters(new CompositeMeterRegistry());

    private final Timer lookup;
    private final Timer commits;
    private final DistributionSummary messages;

    GroupCommitMeters(MeterRegistry registry) {
        lookup = Timer.builder("chat.log.lookup")
                .description("one append's idempotency lookup, on the sender's thread").register(registry);
        commits = Timer.builder("chat.log.commit")
                .description("one group commit's synced write, on the log writer's thread").register(registry);
        messages = DistributionSummary.builder("chat.log.commit.messages")
                .description("new messages in one group commit").register(registry);
    }

    void lookedUp(long nanos) {
        lookup.record(nanos, TimeUnit.NANOSECONDS);
    }

    void committed(long nanos, int count) {
        commits.record(nanos, TimeUnit.NANOSECONDS);
        messages.record(count);
    }
}
