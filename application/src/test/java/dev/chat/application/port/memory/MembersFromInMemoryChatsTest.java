package dev.chat.application.port.memory;

import dev.chat.application.delivery.MembersFromChatRepository;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MembershipView;
import dev.chat.application.port.contract.MembershipViewContract;

/** The embedded default's membership view keeps the contract over the in-memory chats. */
class MembersFromInMemoryChatsTest extends MembershipViewContract {
    private final InMemoryChatRepository chats = new InMemoryChatRepository();

    @Override
    protected ChatRepository chats() {
        return chats;
    }

    @Override
    protected MembershipView view() {
        return new MembersFromChatRepository(chats);
    }
}
