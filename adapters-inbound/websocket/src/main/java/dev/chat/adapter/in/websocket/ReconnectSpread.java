package dev.chat.adapter.in.websocket;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait a stopping gateway gives each device before it reconnects: uniform over the spread, so
 * that the devices of a gateway with 100,000 connections come back over the spread rather than in
 * one burst on the remaining gateways (a thundering herd).
 */
final class ReconnectSpread {
    private ReconnectSpread() {
    }

    static Duration pick(Duration spread) {
        long millis = Math.max(1, spread.toMillis());
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(millis + 1));
    }
}
