package dev.chat.application.port.memory;

import dev.chat.application.port.OffsetStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.message.Position;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Thread-safe in-memory {@link OffsetStore} for use-case tests. */
public final class InMemoryOffsetStore implements OffsetStore {
    private final Map<Device, Map<ChatId, Position>> offsets = new ConcurrentHashMap<>();

    @Override
    public void advance(Device device, ChatId chat, Position position) {
        offsets.computeIfAbsent(device, d -> new ConcurrentHashMap<>()).merge(chat, position, Position::max);
    }

    @Override
    public Map<ChatId, Position> offsetsOf(Device device) {
        return Map.copyOf(offsets.getOrDefault(device, Map.of()));
    }

    @Override
    public Position offsetOf(Device device, ChatId chat) {
        return offsetsOf(device).getOrDefault(chat, Position.START);
    }
}
