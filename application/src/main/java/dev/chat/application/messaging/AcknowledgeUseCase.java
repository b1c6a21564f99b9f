package dev.chat.application.messaging;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.message.Position;

/** Inbound port: a device acknowledges that it has every message of a chat up to a position. */
public interface AcknowledgeUseCase {
    void acknowledge(Device device, ChatId chat, Position position);
}
