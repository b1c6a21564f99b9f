package dev.chat.application.port.memory;

import dev.chat.application.port.MessageLog;
import dev.chat.application.port.contract.MessageLogContract;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
    void the_consumers_have_the_message_when_append_returns() {
        InMemoryMessageLog log = new InMemoryMessageLog();
        List<Message> stored = new ArrayList<>();
        List<Message> delivered = new ArrayList<>();
        log.subscribe(STORE, stored::addAll);
        log.subscribe(DELIVERY, delivered::addAll);
        ChatId chat = chatId();

        Message message = append(log, entry(chat, userId()));

        assertThat(stored).containsExactly(message);
        assertThat(delivered).containsExactly(message);
        assertThat(log.entries()).containsExactly(message);
    }

    @Test
    void in_group_mode_the_first_consumer_of_a_name_gets_everything_and_the_others_stand_by() {
        InMemoryMessageLog log = InMemoryMessageLog.withConsumerGroups();
        List<Message> storedByOne = new ArrayList<>();
        List<Message> storedByTwo = new ArrayList<>();
        List<Message> deliveredByOne = new ArrayList<>();
        List<Message> deliveredByTwo = new ArrayList<>();
        // two nodes assemble their pipelines on the one shared log
        log.subscribe(STORE, storedByOne::addAll);
        log.subscribe(DELIVERY, deliveredByOne::addAll);
        log.subscribe(STORE, storedByTwo::addAll);
        log.subscribe(DELIVERY, deliveredByTwo::addAll);

        Message message = append(log, entry(chatId(), userId()));

        assertThat(storedByOne).containsExactly(message);
        assertThat(deliveredByOne).containsExactly(message);
        assertThat(storedByTwo).isEmpty();
        assertThat(deliveredByTwo).isEmpty();
    }

    @Test
    void in_group_mode_a_standby_takes_over_from_the_recorded_position_when_the_active_one_is_removed() {
        InMemoryMessageLog log = InMemoryMessageLog.withConsumerGroups();
        List<Message> one = new ArrayList<>();
        List<Message> two = new ArrayList<>();
        AtomicBoolean oneFails = new AtomicBoolean();
        MessageLog.Consumer first = batch -> {
            if (oneFails.get()) {
                throw new IllegalStateException("node one is going down (test)");
            }
            one.addAll(batch);
        };
        MessageLog.Consumer second = two::addAll;
        log.subscribe(STORE, first);
        log.subscribe(STORE, second);
        ChatId chat = chatId();
        Message handledByOne = append(log, entry(chat, userId()));
        oneFails.set(true);
        Message failedOnOne = append(log, entry(chat, userId()));
        assertThat(two).isEmpty();
        assertThat(log.backlog(STORE)).isEqualTo(1);

        assertThat(log.unsubscribe(STORE, first)).isTrue();

        assertThat(one).containsExactly(handledByOne);
        assertThat(two).as("the standby at once gets what the removed one had not returned from")
                .containsExactly(failedOnOne);
        Message next = append(log, entry(chat, userId()));
        assertThat(two).containsExactly(failedOnOne, next);
        assertThat(log.backlog(STORE)).isZero();
        assertThat(log.unsubscribe(STORE, first)).as("removed already").isFalse();
    }

    @Test
    void in_group_mode_a_follower_waits_while_its_leaders_group_is_empty() {
        InMemoryMessageLog log = InMemoryMessageLog.withConsumerGroups();
        List<Message> delivered = new ArrayList<>();
        MessageLog.Consumer store = batch -> { };
        log.subscribe(STORE, store);
        log.subscribe(DELIVERY, delivered::addAll);
        log.unsubscribe(STORE, store);

        Message message = append(log, entry(chatId(), userId()));
        assertThat(delivered).isEmpty();

        log.subscribe(STORE, batch -> { });
        assertThat(delivered).containsExactly(message);
    }
}
