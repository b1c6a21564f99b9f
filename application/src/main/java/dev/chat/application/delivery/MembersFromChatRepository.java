package dev.chat.application.delivery;

import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MembershipView;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Membership;

import java.util.List;

/** The embedded default's membership view: the metadata store's current members of the chat. */
public final class MembersFromChatRepository implements MembershipView {
    private final ChatRepository chats;

    public MembersFromChatRepository(ChatRepository chats) {
        this.chats = chats;
    }

    @Override
    public List<Membership> membersOf(ChatId chat) {
        return chats.findById(chat).map(Chat::members).map(List::copyOf).orElse(List.of());
    }
}
