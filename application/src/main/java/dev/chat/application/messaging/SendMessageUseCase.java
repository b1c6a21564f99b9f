package dev.chat.application.messaging;

import dev.chat.domain.message.Message;

import java.util.concurrent.CompletionStage;

/**
 * Inbound port: sending a message. The returned stage completes once the message log holds the
 * message durably: that is the moment to acknowledge the sender. Storing, fan-out and
 * notification follow from the log.
 */
public interface SendMessageUseCase {
    CompletionStage<Message> send(SendMessageCommand command);
}
