package dev.chat.application.limits;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (an address, a user, a pair), in this process. Keys that went quiet are
 * forgotten: at most {@code maxKeys} buckets are kept, the least recently used dropped first, which
 * at worst gives a forgotten key a full bucket again. In a cluster each node limits what reaches it,
 * so a client spread over n nodes gets up to n times the rate: limits here bound abuse per node,
 * and a load balancer with affinity (by address or by user) makes them close to global.
 */
public final class KeyedRateLimiter<K> {
    private static final class Bucket {
        double tokens;
        long updatedNanos;
    }

    private final RateLimit limit;
    private final double tokensPerNano;
    private final LongSupplier nanoTime;
    private final Map<K, Bucket> buckets;

    public KeyedRateLimiter(RateLimit limit, int maxKeys) {
        this(limit, maxKeys, System::nanoTime);
    }

    public KeyedRateLimiter(RateLimit limit, int maxKeys, LongSupplier nanoTime) {
        this.limit = limit;
        this.tokensPerNano = limit.isOff() ? 0 : limit.permits() / (double) limit.period().toNanos();
        this.nanoTime = nanoTime;
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Bucket> eldest) {
                return size() > maxKeys;
            }
        };
    }

    /** Takes a permit for {@code key}: true when allowed. */
    public boolean tryAcquire(K key) {
        if (limit.isOff()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        synchronized (buckets) {
            Bucket bucket = buckets.get(key);
            if (bucket == null) {
                bucket = new Bucket();
                bucket.tokens = limit.burst();
                bucket.updatedNanos = now;
                buckets.put(key, bucket);
            } else {
                bucket.tokens = Math.min(limit.burst(), bucket.tokens + (now - bucket.updatedNanos) * tokensPerNano);
                bucket.updatedNanos = now;
            }
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    /** How long until {@code key} has a permit again (for Retry-After), at least one second. */
    public long secondsUntilNextPermit() {
        return Math.max(1, (long) Math.ceil(1 / (tokensPerNano * 1e9)));
    }

    public RateLimit limit() {
        return limit;
    }
}
