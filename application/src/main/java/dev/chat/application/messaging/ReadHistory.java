package dev.chat.application.messaging;

import dev.chat.application.identity.Caller;
import dev.chat.application.chats.MemberChats;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MessageStore;
import dev.chat.domain.Require;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;

import java.util.ArrayList;
import java.util.Collections;
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
        requireLimit(limit);
        Position since = MemberChats.membership(chats, chatId, caller.user()).since();
        List<Message> page = messages.after(chatId, Position.max(after, since), limit + 1);
        if (page.size() <= limit) {
            return HistoryPage.forwards(page, Optional.empty());
        }
        List<Message> shown = page.subList(0, limit);
        return HistoryPage.forwards(List.copyOf(shown), Optional.of(shown.get(limit - 1).position()));
    }

    @Override
    public HistoryPage before(Caller caller, ChatId chatId, Position before, int limit) {
        requireLimit(limit);
        Position since = MemberChats.membership(chats, chatId, caller.user()).since();
        if (!before.isAfter(since)) {
            return HistoryPage.backwards(List.of(), Optional.empty());
        }
        // one more than asked, to learn whether an older visible message is left for a previous page
        List<Message> newestFirst = new ArrayList<>();
        for (Message message : messages.before(chatId, before, limit + 1)) {
            if (!message.position().isAfter(since)) {
                break;
            }
            newestFirst.add(message);
        }
        boolean olderLeft = newestFirst.size() > limit;
        List<Message> shown = new ArrayList<>(newestFirst.subList(0, Math.min(limit, newestFirst.size())));
        Collections.reverse(shown);
        return HistoryPage.backwards(List.copyOf(shown),
                olderLeft ? Optional.of(shown.get(0).position()) : Optional.empty());
    }

    private static void requireLimit(int limit) {
        Require.that(limit >= 1 && limit <= MAX_LIMIT, "limit must be 1 to " + MAX_LIMIT);
    }
}
