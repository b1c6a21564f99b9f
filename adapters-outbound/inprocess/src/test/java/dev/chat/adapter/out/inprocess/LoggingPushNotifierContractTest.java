package dev.chat.adapter.out.inprocess;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.chat.application.port.PushNotifier;
import dev.chat.application.port.contract.PushNotifierContract;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static org.assertj.core.api.Assertions.assertThat;

/** The embedded default's notifier keeps the {@link PushNotifier} contract; what it writes out is its log, at every level. */
class LoggingPushNotifierContractTest extends PushNotifierContract {
    private final LoggingPushNotifier notifier = new LoggingPushNotifier();
    private final Logger logger = (Logger) LoggerFactory.getLogger(LoggingPushNotifier.class);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void capture() {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.TRACE);
        captured.start();
        logger.addAppender(captured);
    }

    @AfterEach
    void release() {
        logger.detachAppender(captured);
        logger.setLevel(previousLevel);
    }

    @Override
    protected PushNotifier notifier() {
        return notifier;
    }

    @Override
    protected long notificationsFor(UserId user) {
        return notifier.notificationsFor(user);
    }

    @Override
    protected List<String> writtenOut() {
        return captured.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    @Test
    void the_log_names_the_waiting_message_by_its_ids() {
        UserId alice = new UserId(UUID.randomUUID());
        Message message = message(chatId(), 1, new UserId(UUID.randomUUID()));

        notifier.notifyWaiting(alice, message);

        // shows that the capture sees what the notifier logs, so the contract's "text goes nowhere" is not vacuous
        assertThat(writtenOut()).anySatisfy(line -> assertThat(line)
                .contains(alice.toString()).contains(message.id().toString()).contains(message.chatId().toString()));
    }
}
