package dev.chat.application.chats;

import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MessageStore;
import dev.chat.application.port.OffsetStore;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Use case: listing the caller's chats, most recently active first. */
public final class ListChats implements ListChatsUseCase {
    private final ChatRepository chats;
    private final MessageStore messages;
    private final OffsetStore offsets;

    public ListChats(ChatRepository chats, MessageStore messages, OffsetStore offsets) {
        this.chats = chats;
        this.messages = messages;
        this.offsets = offsets;
    }

    @Override
    public List<ChatSummary> list(Caller caller, DeviceId deviceId) {
        Map<ChatId, Position> acknowledged = offsets.offsetsOf(new Device(caller.user(), deviceId));
        List<ChatSummary> summaries = new ArrayList<>();
        for (Chat chat : chats.chatsOf(caller.user())) {
            Position since = chat.requireMember(caller.user()).since();
            Position read = Position.max(since, acknowledged.getOrDefault(chat.id(), Position.START));
            Optional<Message> last = messages.latest(chat.id()).filter(m -> m.position().isAfter(since));
            int unread = last.isPresent() && last.get().position().isAfter(read)
                    ? messages.countUnread(chat.id(), read, caller.user(), UNREAD_CAP) : 0;
            summaries.add(new ChatSummary(chat, last, unread, read));
        }
        // positions order messages within a chat only; across chats, the send time orders the list
        summaries.sort(Comparator.comparing((ChatSummary s) ->
                s.lastMessage().map(Message::sentAt).orElse(Instant.EPOCH)).reversed());
        return summaries;
    }

    @Override
    public Chat get(Caller caller, ChatId chatId) {
        return MemberChats.require(chats, chatId, caller.user());
    }
}
