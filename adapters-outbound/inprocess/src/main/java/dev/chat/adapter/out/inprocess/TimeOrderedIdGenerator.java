package dev.chat.adapter.out.inprocess;

import dev.chat.application.port.IdGenerator;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.user.UserId;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * UUID version 7 (RFC 9562): 48 bits of Unix milliseconds then random bits, so ids sort by
 * creation time and index well, and never collide across nodes.
 */
@Singleton
public final class TimeOrderedIdGenerator implements IdGenerator {
    private static final SecureRandom SEED = new SecureRandom();
    private final long nodeBits = SEED.nextLong();

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

    UUID next() {
        long millis = System.currentTimeMillis();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (millis << 16) | 0x7000L | (random.nextInt() & 0x0FFFL);
        long lsb = ((random.nextLong() ^ nodeBits) & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
