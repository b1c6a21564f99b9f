package dev.chat.application.messaging;

import dev.chat.application.delivery.LogSubscriptions;
import dev.chat.application.identity.TimeOrderedIds;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryMessageLog;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.contract.ManualClock;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.ClientMessageId;
import dev.chat.domain.message.Message;
import dev.chat.domain.message.MessagePolicy;
import dev.chat.domain.user.User;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the messaging specifications play: chats, the message log, and the store the log's
 * consumer fills (as the pipeline does). Members say things through the send use case.
 */
final class Conversation {
    final InMemoryChatRepository chats = new InMemoryChatRepository();
    final InMemoryMessageLog log = new InMemoryMessageLog();
    final InMemoryMessageStore store = new InMemoryMessageStore();
    private final SendMessage send = new SendMessage(chats, log, new TimeOrderedIds(), MessagePolicy.DEFAULT,
            ChatMetrics.NONE, new ManualClock());
    private final AtomicInteger said = new AtomicInteger();

    Conversation() {
        log.subscribe(LogSubscriptions.STORE, store::storeAll);
    }

    /** Given this chat exists. */
    <C extends Chat> C has(C chat) {
        if (chat instanceof Group group) {
            // the group as given, whatever version is stored now
            long stored = chats.findById(group.id()).map(c -> ((Group) c).version()).orElse(Group.NEVER_STORED);
            chats.saveGroup(new Group(group.id(), group.name(), group.members(), stored));
        } else {
            chats.saveDirect((DirectChat) chat);
        }
        return chat;
    }

    /** The user says something in the chat from their phone; returns it as logged. */
    Message says(User user, Chat chat, String text) {
        return send.send(new SendMessageCommand(new Device(user.id(), new DeviceId("phone")), chat.id(),
                new ClientMessageId("said-" + said.incrementAndGet()), text)).toCompletableFuture().join();
    }

    /** The user says {@code count} numbered things in the chat. */
    List<Message> saysMany(User user, Chat chat, int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(says(user, chat, "message " + i));
        }
        return messages;
    }
}
