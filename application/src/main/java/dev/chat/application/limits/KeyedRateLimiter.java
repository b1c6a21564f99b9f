package dev.chat.application.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per key (an address, a user, a pair), in this process. It sits on the send path,
 * so keys do not share a lock: each bucket is locked alone. At most about {@code maxKeys} buckets
 * are kept: when there are that many, the ones that have filled up again (the same as no bucket)
 * are forgotten, and if that frees nothing, all are, which at worst gives each key a full bucket
 * again. In a cluster each node limits what reaches it, so a client spread over n nodes gets up to
 * n times the rate: limits here bound abuse per node, and a load balancer with affinity (by address
 * or by user) makes them close to global.
 */
public final class KeyedRateLimiter<K> {
    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }

    private final RateLimit limit;
    private final double tokensPerNano;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<K, Bucket> buckets = new ConcurrentHashMap<>();

    public KeyedRateLimiter(RateLimit limit, int maxKeys) {
        this(limit, maxKeys, System::nanoTime);
    }

    public KeyedRateLimiter(RateLimit limit, int maxKeys, LongSupplier nanoTime) {
        this.limit = limit;
        this.tokensPerNano = limit.isOff() ? 0 : limit.permits() / (double) limit.period().toNanos();
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    /** Takes a permit for {@code key}: true when allowed. */
    public boolean tryAcquire(K key) {
        if (limit.isOff()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            if (buckets.size() >= maxKeys) {
                forgetIdle(now);
            }
            bucket = buckets.computeIfAbsent(key, k -> new Bucket(limit.burst(), now));
        }
        synchronized (bucket) {
            refill(bucket, now);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return true;
            }
            return false;
        }
    }

    private void refill(Bucket bucket, long now) {
        if (now - bucket.updatedNanos > 0) {
            bucket.tokens = Math.min(limit.burst(), bucket.tokens + (now - bucket.updatedNanos) * tokensPerNano);
            bucket.updatedNanos = now;
        }
    }

    private void forgetIdle(long now) {
        buckets.values().removeIf(bucket -> {
            synchronized (bucket) {
                refill(bucket, now);
                return bucket.tokens >= limit.burst();
            }
        });
        if (buckets.size() >= maxKeys) {
            buckets.clear();
        }
    }

    /** How long until a spent key has a permit again (for Retry-After), at least one second. */
    public long secondsUntilNextPermit() {
        return Math.max(1, (long) Math.ceil(1 / (tokensPerNano * 1e9)));
    }

    public RateLimit limit() {
        return limit;
    }
}
