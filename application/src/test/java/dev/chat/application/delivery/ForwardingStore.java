package dev.chat.application.delivery;

import dev.chat.application.port.MessageStore;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;

import java.util.List;
import java.util.Optional;

/** A message store that hands every call to another one; a specification overrides what it watches. */
class ForwardingStore implements MessageStore {
    private final MessageStore delegate;

    ForwardingStore(MessageStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public void storeAll(List<Message> messages) {
        delegate.storeAll(messages);
    }

    @Override
    public List<Message> after(ChatId chat, Position after, int limit) {
        return delegate.after(chat, after, limit);
    }

    @Override
    public List<Message> before(ChatId chat, Position before, int limit) {
        return delegate.before(chat, before, limit);
    }

    @Override
    public Optional<Message> latest(ChatId chat) {
        return delegate.latest(chat);
    }

    @Override
    public int countUnread(ChatId chat, Position after, UserId reader, int cap) {
        return delegate.countUnread(chat, after, reader, cap);
    }
}
