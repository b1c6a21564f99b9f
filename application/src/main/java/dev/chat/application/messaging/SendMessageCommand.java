package dev.chat.application.messaging;

import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.message.ClientMessageId;

/** A device asks to send text to a chat; the body is checked against the policy by the use case. */
public record SendMessageCommand(Device from, ChatId chat, ClientMessageId clientMessageId, String body) {
    public SendMessageCommand {
        Require.present(from, "device");
        Require.present(chat, "chat id");
        Require.present(clientMessageId, "client message id");
        Require.present(body, "body");
    }
}
