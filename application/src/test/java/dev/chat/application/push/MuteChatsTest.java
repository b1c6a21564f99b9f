package dev.chat.application.push;

import dev.chat.application.port.memory.InMemoryChatMutes;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.caller;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A member mutes a chat for themself; nobody mutes a chat they are not in. */
class MuteChatsTest {
    private final InMemoryChatRepository chats = new InMemoryChatRepository();
    private final InMemoryChatMutes mutes = new InMemoryChatMutes();
    private final MuteChats muting = new MuteChats(chats, mutes);
    private final DirectChat chat = chats.saveDirect(DirectChat.between(ALICE.id(), BOB.id()));

    @Test
    void aMemberMutesAndUnmutesForThemselfOnly() {
        assertThat(muting.setMuted(caller(ALICE), chat.id(), true)).isTrue();
        assertThat(muting.isMuted(caller(ALICE), chat.id())).isTrue();
        assertThat(muting.isMuted(caller(BOB), chat.id())).as("the other member").isFalse();
        assertThat(muting.setMuted(caller(ALICE), chat.id(), false)).isFalse();
    }

    @Test
    void anUnknownChatAndSomeoneElsesAreNotFoundAlike() {
        DirectChat others = chats.saveDirect(DirectChat.between(BOB.id(), new UserId(UUID.randomUUID())));
        for (ChatId id : new ChatId[]{others.id(), new ChatId(UUID.randomUUID())}) {
            assertThatThrownBy(() -> muting.setMuted(caller(ALICE), id, true))
                    .isInstanceOfSatisfying(RejectedException.class,
                            e -> assertThat(e.rejection()).isEqualTo(Rejection.CHAT_NOT_FOUND));
        }
        assertThat(mutes.isMuted(ALICE.id(), others.id())).isFalse();
    }
}
