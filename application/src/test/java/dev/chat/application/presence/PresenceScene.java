package dev.chat.application.presence;

import dev.chat.application.port.contract.ManualClock;
import dev.chat.application.delivery.Cluster;
import dev.chat.application.delivery.DeviceSession;
import dev.chat.application.delivery.Node;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.application.delivery.RecordingSink;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryPrivacySettings;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.device.Device;
import dev.chat.domain.device.DeviceId;
import dev.chat.domain.message.Position;
import dev.chat.domain.presence.PresencePolicy;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Where the presence specifications play: chats make contacts, a manual clock, a tracker whose
 * users count as online for 30 s after a heartbeat and whose changes go out at most every 2 s.
 */
final class PresenceScene {
    static final Duration GRACE = Duration.ofSeconds(30);
    static final Duration MIN_CHANGE_INTERVAL = Duration.ofSeconds(2);

    final ManualClock clock = new ManualClock();
    final InMemoryChatRepository chats = new InMemoryChatRepository();
    final InMemoryPrivacySettings privacy = new InMemoryPrivacySettings();
    final Node node = new Cluster(chats, new InMemoryMessageStore(), new InMemoryOffsetStore(), (user, message) -> { },
            ChatMetrics.NONE, clock)
            .withPresence(SimplePresenceStore::new, privacy, new PresencePolicy(Duration.ofSeconds(10), 3),
                    MIN_CHANGE_INTERVAL)
            .node("node-1", Runnable::run);
    final PresenceTracker tracker = node.presence;

    /** Given the two share a direct chat. */
    void contacts(User a, User b) {
        chats.saveDirect(DirectChat.between(a.id(), b.id()));
    }

    /** Given these people share a group. */
    void group(User admin, List<User> members) {
        Set<UserId> others = members.stream().map(User::id).collect(Collectors.toSet());
        chats.saveGroup(Group.create(new ChatId(UUID.randomUUID()), new GroupName("Group"),
                admin.id(), others, Position.START, GroupPolicy.DEFAULT));
    }

    /** A connected device of the user; its sink records what it is sent. */
    DeviceSession session(User user, String deviceId, RecordingSink sink) {
        return node.connect(user.id(), deviceId, sink);
    }
}
