package dev.chat.adapter.out.rocksdb.log;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.util.concurrent.TimeUnit;

/**
 * The group commit's own timings, on {@code /prometheus}: what each batch's idempotency lookups took
 * ({@code chat_log_lookups_seconds}), what each synced write took ({@code chat_log_commit_seconds})
 * and how many messages it carried ({@code chat_log_commit_messages}). The writer is one thread and
 * every acknowledgement waits for it, so these tell an operator (and the soak) whether a latency
 * spike was the disk's sync, the lookups, or neither.
 */
final class GroupCommitMeters {
    /** Meters registered nowhere: an empty composite registry makes them no-ops. */
    static final GroupCommitMeters NONE = new GroupCommitMeters(new CompositeMeterRegistry());

    private final Timer lookups;
    private final Timer commits;
    private final DistributionSummary messages;

    GroupCommitMeters(MeterRegistry registry) {
        lookups = Timer.builder("chat.log.lookups")
                .description("one batch's idempotency lookups, on the log writer's thread").register(registry);
        commits = Timer.builder("chat.log.commit")
                .description("one group commit's synced write, on the log writer's thread").register(registry);
        messages = DistributionSummary.builder("chat.log.commit.messages")
                .description("new messages in one group commit").register(registry);
    }

    void lookedUp(long nanos) {
        lookups.record(nanos, TimeUnit.NANOSECONDS);
    }

    void committed(long nanos, int count) {
        commits.record(nanos, TimeUnit.NANOSECONDS);
        messages.record(count);
    }
}
