package dev.chat.application.messaging;

import dev.chat.application.chats.MemberChats;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MessageLog;
import dev.chat.application.port.OffsetStore;
import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.message.Position;

/** Use case: moving a device's offset forward; a position the log has not reached is refused. */
public final class Acknowledge implements AcknowledgeUseCase {
    private final ChatRepository chats;
    private final OffsetStore offsets;
    private final MessageLog log;

    public Acknowledge(ChatRepository chats, OffsetStore offsets, MessageLog log) {
        this.chats = chats;
        this.offsets = offsets;
        this.log = log;
    }

    @Override
    public void acknowledge(Device device, ChatId chatId, Position position) {
        MemberChats.require(chats, chatId, device.user());
        Require.that(log.hasReached(chatId, position), "position " + position + " has not been reached yet");
        offsets.advance(device, chatId, position);
    }
}
