package dev.chat.application.messaging;

import dev.chat.application.identity.Caller;
import dev.chat.application.chats.MemberChats;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MessageStore;
import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;

import java.util.List;
import java.util.Optional;

/** Use case: reading history; a member sees the messages since they joined. */
public final class ReadHistory implements ReadHistoryUseCase {
    private final ChatRepository chats;
    private final MessageStore messages;

    public ReadHistory(ChatRepository chats, MessageStore messages) {
        this.chats = chats;
        this.messages = messages;
    }

    @Override
    public HistoryPage after(Caller caller, ChatId chatId, Position after, int limit) {
        Require.that(limit >= 1 && limit <= MAX_LIMIT, "limit must be 1 to " + MAX_LIMIT);
        Position since = MemberChats.membership(chats, chatId, caller.user()).since();
        List<Message> page = messages.after(chatId, Position.max(after, since), limit + 1);
        if (page.size() <= limit) {
            return new HistoryPage(page, Optional.empty());
        }
        List<Message> shown = page.subList(0, limit);
        return new HistoryPage(List.copyOf(shown), Optional.of(shown.get(limit - 1).position()));
    }
}
