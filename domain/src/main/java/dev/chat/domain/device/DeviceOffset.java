package dev.chat.domain.device;

import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Position;

/**
 * How far a device has read a chat: every message at or before {@code position} is acknowledged.
 * An offset only moves forward; a late acknowledgement of an older position changes nothing.
 */
public record DeviceOffset(Device device, ChatId chatId, Position position) {
    public DeviceOffset {
        Require.present(device, "device");
        Require.present(chatId, "chat id");
        Require.present(position, "position");
    }

    public DeviceOffset advanceTo(Position acknowledged) {
        return acknowledged.isAfter(position) ? new DeviceOffset(device, chatId, acknowledged) : this;
    }
}
