package dev.chat.adapter.out.kafka.join;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.util.function.ToLongFunction;

/**
 * The join's counters on {@code /prometheus}. {@code chat_join_table_reads_total} growing with the
 * messages while the metadata store's {@code chat_metadata_membership_reads_total} stays flat is
 * what shows that the distributed fan-out reads no membership from PostgreSQL.
 */
@Singleton
@Requires(beans = MembershipJoin.class)
@Requires(classes = MeterRegistry.class)
public final class JoinMeters implements MeterBinder {
    private final Provider<MembershipJoin> join;

    JoinMeters(Provider<MembershipJoin> join) {
        this.join = join;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        counter(registry, "chat.join.messages", "stored messages the join handed to the fan-out", JoinCounters::messages);
        counter(registry, "chat.join.waited", "messages that waited for the membership their sender saw",
                JoinCounters::waited);
        counter(registry, "chat.join.released", "waiting messages let go", JoinCounters::released);
        counter(registry, "chat.join.membership.updates", "captured memberships applied to the join's table",
                JoinCounters::membershipUpdates);
        counter(registry, "chat.join.membership.stale", "captured memberships older than the table's (repeats)",
                JoinCounters::staleMembershipUpdates);
        counter(registry, "chat.join.table.reads", "memberships the fan-out read from the join's table",
                JoinCounters::tableReads);
        counter(registry, "chat.join.unreadable", "records the join could not read and skipped",
                JoinCounters::unreadable);
    }

    private void counter(MeterRegistry registry, String name, String description, ToLongFunction<JoinCounters> value) {
        FunctionCounter.builder(name, join, j -> value.applyAsLong(j.get().counters())).description(description)
                .register(registry);
    }
}
