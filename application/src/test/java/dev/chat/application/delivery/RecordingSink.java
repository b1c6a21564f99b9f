package dev.chat.application.delivery;

import java.util.ArrayList;
import java.util.List;

/** A device's connection that records what the core pushed to it. */
final class RecordingSink implements DeviceSink {
    final List<DeviceEvent> events = new ArrayList<>();
    final List<String> disconnects = new ArrayList<>();
    int queued;

    @Override
    public synchronized void push(DeviceEvent event) {
        events.add(event);
    }

    @Override
    public int queued() {
        return queued;
    }

    @Override
    public synchronized void disconnect(String reason) {
        disconnects.add(reason);
    }

    synchronized List<Long> positions() {
        return events.stream().filter(e -> e instanceof DeviceEvent.MessageReceived)
                .map(e -> ((DeviceEvent.MessageReceived) e).message().position().value()).toList();
    }

    synchronized DeviceEvent last() {
        return events.get(events.size() - 1);
    }
}
