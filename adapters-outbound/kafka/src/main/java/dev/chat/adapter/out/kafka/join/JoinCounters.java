package dev.chat.adapter.out.kafka.join;

import java.util.concurrent.atomic.AtomicLong;

/** What the join counts, for /prometheus and for tests. */
public final class JoinCounters {
    final AtomicLong messages = new AtomicLong();
    final AtomicLong waited = new AtomicLong();
    final AtomicLong released = new AtomicLong();
    final AtomicLong membershipUpdates = new AtomicLong();
    final AtomicLong staleMembershipUpdates = new AtomicLong();
    final AtomicLong tableReads = new AtomicLong();
    final AtomicLong unreadable = new AtomicLong();

    /** Messages handed to the fan-out. */
    public long messages() {
        return messages.get();
    }

    /** Messages that arrived before the membership table had their chat version, and waited for it. */
    public long waited() {
        return waited.get();
    }

    /** Waiting messages let go once the table caught up (or dropped with a deleted chat). */
    public long released() {
        return released.get();
    }

    /** Membership records applied to the table. */
    public long membershipUpdates() {
        return membershipUpdates.get();
    }

    /** Membership records ignored because the table had that chat at their version or later (a repeat). */
    public long staleMembershipUpdates() {
        return staleMembershipUpdates.get();
    }

    /** Memberships the fan-out read from the join's table (never from the metadata store). */
    public long tableReads() {
        return tableReads.get();
    }

    /** Records that could not be read and were skipped (logged). */
    public long unreadable() {
        return unreadable.get();
    }
}
