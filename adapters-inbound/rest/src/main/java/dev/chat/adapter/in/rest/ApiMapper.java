package dev.chat.adapter.in.rest;

import dev.chat.adapter.in.rest.ApiViews.ChatSummaryView;
import dev.chat.adapter.in.rest.ApiViews.ChatView;
import dev.chat.adapter.in.rest.ApiViews.MemberView;
import dev.chat.adapter.in.rest.ApiViews.MessageView;
import dev.chat.adapter.in.rest.ApiViews.UserView;
import dev.chat.application.chats.ChatSummary;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.message.Message;
import dev.chat.domain.user.User;
import org.mapstruct.Mapper;
import org.mapstruct.Mapping;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Maps the core's values to the API's views. */
@Mapper(componentModel = "jakarta")
public interface ApiMapper {
    @Mapping(target = "id", source = "id.value")
    @Mapping(target = "chatId", source = "chatId.value")
    @Mapping(target = "position", source = "position.value")
    @Mapping(target = "senderId", source = "sender.value")
    @Mapping(target = "senderDevice", source = "senderDevice.value")
    @Mapping(target = "clientMessageId", source = "clientMessageId.value")
    @Mapping(target = "body", source = "body.text")
    MessageView toView(Message message);

    List<MessageView> toMessageViews(List<Message> messages);

    @Mapping(target = "id", source = "id.value")
    @Mapping(target = "username", source = "username.value")
    UserView toView(User user);

    @Mapping(target = "userId", source = "userId.value")
    @Mapping(target = "role", expression = "java(membership.role().name().toLowerCase(java.util.Locale.ROOT))")
    MemberView toView(Membership membership);

    List<MemberView> toMemberViews(List<Membership> memberships);

    default ChatView toView(Chat chat) {
        String kind = chat instanceof Group ? "group" : "direct";
        String name = chat instanceof Group group ? group.name().value() : null;
        return new ChatView(chat.id().toString(), kind.toLowerCase(Locale.ROOT), name,
                toMemberViews(List.copyOf(chat.members())));
    }

    default ChatSummaryView toView(ChatSummary summary) {
        return new ChatSummaryView(toView(summary.chat()), summary.lastMessage().map(this::toView).orElse(null),
                summary.unread(), summary.acknowledged().value());
    }

    default String uuid(UUID value) {
        return value.toString();
    }

    default String instant(Instant value) {
        return value.toString();
    }
}
