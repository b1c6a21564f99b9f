package dev.chat.application.port;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.MessageId;
import dev.chat.domain.user.UserId;

/** Outbound port: fresh ids (time-ordered, so that stores index them well). */
public interface IdGenerator {
    MessageId newMessageId();

    ChatId newChatId();

    UserId newUserId();
}
