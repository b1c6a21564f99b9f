package dev.chat.application.identity;

import dev.chat.application.port.IdGenerator;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.user.UserId;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fresh ids shaped like the production generator's (UUID version 7: 48 bits of milliseconds, then
 * random bits), as it makes them within one minute: they share their leading time bits and differ
 * in the rest. Deterministic, so that a failing specification fails the same way every time.
 */
public final class TimeOrderedIds implements IdGenerator {
    /** 2026-03-01 at a multiple of 65536 ms: every id made here has the same top 32 time bits. */
    private static final long MILLIS = 1_772_323_200_000L & ~0xFFFFL;

    private final AtomicLong made = new AtomicLong();

    @Override
    public MessageId newMessageId() {
        return new MessageId(next());
    }

    @Override
    public ChatId newChatId() {
        return new ChatId(next());
    }

    @Override
    public UserId newUserId() {
        return new UserId(next());
    }

    /** How many ids were handed out. */
    public long made() {
        return made.get();
    }

    private UUID next() {
        long n = made.incrementAndGet();
        long msb = ((MILLIS + n) << 16) | 0x7000L | (n * 0x9E5L & 0x0FFFL);
        long lsb = ((n * 0x9E3779B97F4A7C15L) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
