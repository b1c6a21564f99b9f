package dev.chat.application.port.memory;

import dev.chat.application.port.MessageLog;
import dev.chat.application.port.contract.MessageLogContract;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.entry;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** The in-memory fake keeps the {@link MessageLog} contract, so use-case tests can trust it. */
class InMemoryMessageLogTest extends MessageLogContract {
    @Override
    protected MessageLog newLog() {
        return new InMemoryMessageLog();
    }

    @Override
    protected MessageLog restart(MessageLog log) {
        return ((InMemoryMessageLog) log).restarted();
    }

    @Test
    void the_consumer_has_the_message_when_append_returns() {
        InMemoryMessageLog log = new InMemoryMessageLog();
        List<Message> received = new ArrayList<>();
        log.start(received::addAll);
        ChatId chat = chatId();

        Message message = append(log, entry(chat, userId()));

        assertThat(received).containsExactly(message);
        assertThat(log.entries()).containsExactly(message);
    }
}
