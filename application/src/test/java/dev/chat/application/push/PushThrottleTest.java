package dev.chat.application.push;

import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.message;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

class PushThrottleTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final PushThrottle throttle = new PushThrottle(Duration.ofSeconds(30));
    private final UserId sender = userId();
    private final Membership bob = new Membership(userId(), Role.MEMBER, Position.START);
    private final ChatId chat = chatId();

    @Test
    void theFirstMessageIsPushedAtOnceAndTheRestOfTheIntervalFoldIntoOnePushForTheLatestAtItsEnd() {
        assertThat(throttle.offer(bob, message(chat, 1, sender), T0)).isTrue();
        for (int position = 2; position <= 5; position++) {
            assertThat(throttle.offer(bob, message(chat, position, sender), T0.plusSeconds(position))).isFalse();
        }
        assertThat(throttle.due(T0.plusSeconds(29))).isEmpty();

        var due = throttle.due(T0.plusSeconds(30));

        assertThat(due).hasSize(1);
        assertThat(due.get(0).message().position()).isEqualTo(new Position(5));
        assertThat(due.get(0).recipient()).isEqualTo(bob);
    }

    @Test
    void aQuietIntervalEndsTheWindowAndTheNextMessageIsPushedAtOnce() {
        throttle.offer(bob, message(chat, 1, sender), T0);
        assertThat(throttle.due(T0.plusSeconds(30))).isEmpty();
        assertThat(throttle.open()).isZero();

        assertThat(throttle.offer(bob, message(chat, 2, sender), T0.plusSeconds(31))).isTrue();
    }

    @Test
    void aFoldedPushOpensANewWindowSoAtMostOnePushGoesOutPerInterval() {
        throttle.offer(bob, message(chat, 1, sender), T0);
        throttle.offer(bob, message(chat, 2, sender), T0.plusSeconds(1));
        assertThat(throttle.due(T0.plusSeconds(30))).hasSize(1);

        assertThat(throttle.offer(bob, message(chat, 3, sender), T0.plusSeconds(31)))
                .as("within the interval after the folded push").isFalse();
        assertThat(throttle.due(T0.plusSeconds(59))).isEmpty();
        assertThat(throttle.due(T0.plusSeconds(60))).extracting(d -> d.message().position())
                .containsExactly(new Position(3));
    }

    @Test
    void recipientsAndChatsAreThrottledApart() {
        Membership carol = new Membership(userId(), Role.MEMBER, Position.START);
        ChatId other = chatId();

        assertThat(throttle.offer(bob, message(chat, 1, sender), T0)).isTrue();
        assertThat(throttle.offer(carol, message(chat, 1, sender), T0)).isTrue();
        assertThat(throttle.offer(bob, message(other, 1, sender), T0)).isTrue();
        assertThat(throttle.offer(bob, message(chat, 2, sender), T0)).isFalse();
    }

    @Test
    void aLateMessageAfterTheWindowEndedReplacesTheFoldedOneThatWasNotTakenYet() {
        throttle.offer(bob, message(chat, 1, sender), T0);
        throttle.offer(bob, message(chat, 2, sender), T0.plusSeconds(1));

        assertThat(throttle.offer(bob, message(chat, 3, sender), T0.plusSeconds(31))).isTrue();
        assertThat(throttle.due(T0.plusSeconds(31))).as("the push of 3 covers 2").isEmpty();
    }

    @Test
    void aZeroIntervalPushesEveryMessage() {
        PushThrottle none = new PushThrottle(Duration.ZERO);
        for (int position = 1; position <= 3; position++) {
            Message message = message(chat, position, sender);
            assertThat(none.offer(bob, message, T0)).isTrue();
        }
    }
}
