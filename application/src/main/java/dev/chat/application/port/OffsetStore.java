package dev.chat.application.port;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.message.Position;

import java.util.Map;

/** Outbound port: each device's per-chat acknowledged position (the seed's client offset table). */
public interface OffsetStore {
    /** Moves the offset forward to {@code position}; never moves it back. */
    void advance(Device device, ChatId chat, Position position);

    /** The device's offsets; a chat it never acknowledged is absent. */
    Map<ChatId, Position> offsetsOf(Device device);

    /** The device's offset in one chat, {@link Position#START} if it never acknowledged there (one row, not all). */
    Position offsetOf(Device device, ChatId chat);
}
