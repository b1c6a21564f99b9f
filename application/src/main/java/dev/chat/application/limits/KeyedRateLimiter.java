package dev.chat.application.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A {@link RateGate} per key (an address, a user, a pair), in this process. It sits on the send
 * path, so keys share no lock, and a key's gate takes none either. At most about {@code maxKeys}
 * gates are kept: when there are that many, the ones that have filled up again (the same as no
 * gate) are forgotten, and if that frees nothing, all are, which at worst gives each key a full
 * burst again. In a cluster each node limits what reaches it, so a client spread over n nodes gets
 * up to n times the rate: limits here bound abuse per node, and a load balancer with affinity (by
 * address or by user) makes them close to global.
 */
public final class KeyedRateLimiter<K> {
    private final RateLimit limit;
    private final int maxKeys;
    private final LongSupplier nanoTime;
    private final ConcurrentHashMap<K, RateGate> gates = new ConcurrentHashMap<>();

    public KeyedRateLimiter(RateLimit limit, int maxKeys) {
        this(limit, maxKeys, System::nanoTime);
    }

    public KeyedRateLimiter(RateLimit limit, int maxKeys, LongSupplier nanoTime) {
        this.limit = limit;
        this.maxKeys = maxKeys;
        this.nanoTime = nanoTime;
    }

    /** Takes a permit for {@code key}: true when allowed. */
    public boolean tryAcquire(K key) {
        if (limit.isOff()) {
            return true;
        }
        long now = nanoTime.getAsLong();
        RateGate gate = gates.get(key);
        if (gate == null) {
            if (gates.size() >= maxKeys) {
                forgetFull(now);
            }
            gate = gates.computeIfAbsent(key, k -> RateGate.of(limit, now));
        }
        return gate.tryAcquire(now);
    }

    private void forgetFull(long now) {
        gates.values().removeIf(gate -> gate.isFull(now));
        if (gates.size() >= maxKeys) {
            gates.clear();
        }
    }

    /** How long until a spent key has a permit again (for Retry-After), at least one second. */
    public long secondsUntilNextPermit() {
        return Math.max(1, (long) Math.ceil(limit.period().toNanos() / (double) limit.permits() / 1e9));
    }

    public RateLimit limit() {
        return limit;
    }
}
