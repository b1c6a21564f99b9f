package dev.chat.adapter.in.websocket.frames;

import dev.chat.domain.message.Message;
import dev.chat.adapter.in.websocket.frames.ServerFrames.MessageFrame;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Maps the core's messages to their wire frames. */
@Mapper(componentModel = "jakarta")
public interface MessageFrameMapper {
    @Mapping(target = "type", constant = "message")
    @Mapping(target = "chatId", source = "chatId.value")
    @Mapping(target = "messageId", source = "id.value")
    @Mapping(target = "position", source = "position.value")
    @Mapping(target = "senderId", source = "sender.value")
    @Mapping(target = "senderDevice", source = "senderDevice.value")
    @Mapping(target = "clientMessageId", source = "clientMessageId.value")
    @Mapping(target = "body", source = "body.text")
    MessageFrame toFrame(Message message);

    List<MessageFrame> toFrames(List<Message> messages);

    default String uuid(UUID value) {
        return value.toString();
    }

    default String instant(Instant value) {
        return value.toString();
    }
}
