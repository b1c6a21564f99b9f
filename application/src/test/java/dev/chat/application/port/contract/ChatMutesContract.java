package dev.chat.application.port.contract;

import dev.chat.application.port.ChatMutes;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

/** What every {@link ChatMutes} promises; an adapter's test extends this and supplies the adapter. */
public abstract class ChatMutesContract {
    protected abstract ChatMutes mutes();

    private static ChatId chatId() {
        return new ChatId(UUID.randomUUID());
    }

    @Test
    void a_chat_nobody_muted_is_not_muted() {
        assertThat(mutes().isMuted(userId(), chatId())).isFalse();
    }

    @Test
    void muting_holds_for_that_user_and_chat_only_and_can_be_undone_and_repeated() {
        UserId user = userId();
        ChatId chat = chatId();
        mutes().setMuted(user, chat, true);
        mutes().setMuted(user, chat, true);
        assertThat(mutes().isMuted(user, chat)).isTrue();
        assertThat(mutes().isMuted(userId(), chat)).as("another member").isFalse();
        assertThat(mutes().isMuted(user, chatId())).as("another chat").isFalse();

        mutes().setMuted(user, chat, false);
        mutes().setMuted(user, chat, false);
        assertThat(mutes().isMuted(user, chat)).isFalse();
    }
}
