package dev.chat.domain.message;

import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.user.UserId;

import java.time.Instant;

/** A text message as the chat keeps it: in its chat, at its position, from its sender's device. */
public record Message(MessageId id, ChatId chatId, Position position, UserId sender, DeviceId senderDevice,
                      ClientMessageId clientMessageId, MessageBody body, Instant sentAt) {
    public Message {
        Require.present(id, "message id");
        Require.present(chatId, "chat id");
        Require.present(position, "position");
        Require.present(sender, "sender");
        Require.present(senderDevice, "sender device");
        Require.present(clientMessageId, "client message id");
        Require.present(body, "body");
        Require.present(sentAt, "sent at");
        Require.that(position.isAfter(Position.START), "a stored message has a position after the start");
    }
}
