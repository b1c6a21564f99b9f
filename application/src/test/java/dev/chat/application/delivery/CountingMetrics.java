package dev.chat.application.delivery;

import dev.chat.application.port.ChatMetrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Counts what operators would watch. */
public final class CountingMetrics implements ChatMetrics {
    private int accepted;
    private final java.util.Map<PushEvent, Integer> pushes = new java.util.EnumMap<>(PushEvent.class);
    private final List<Duration> deliveries = new ArrayList<>();

    @Override
    public synchronized void messageAccepted() {
        accepted++;
    }

    @Override
    public synchronized void messageDelivered(Duration sendToDelivery) {
        deliveries.add(sendToDelivery);
    }

    @Override
    public synchronized void pushed(PushEvent event) {
        pushes.merge(event, 1, Integer::sum);
    }

    public synchronized int accepted() {
        return accepted;
    }

    public synchronized int pushes(PushEvent event) {
        return pushes.getOrDefault(event, 0);
    }

    /** Send-to-delivery latency of each delivery, in order. */
    public synchronized List<Duration> deliveries() {
        return List.copyOf(deliveries);
    }
}
