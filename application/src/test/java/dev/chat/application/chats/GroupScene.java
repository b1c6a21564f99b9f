package dev.chat.application.chats;

import dev.chat.application.delivery.ChatEvents;
import dev.chat.application.delivery.Cluster;
import dev.chat.application.delivery.Node;
import dev.chat.application.port.ChatMetrics;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.memory.InMemoryMessageStore;
import dev.chat.application.port.memory.InMemoryOffsetStore;
import dev.chat.application.identity.People;
import dev.chat.application.identity.TimeOrderedIds;
import dev.chat.application.port.contract.PortFixtures;
import dev.chat.application.port.memory.InMemoryChatRepository;
import dev.chat.application.port.memory.InMemoryMessageLog;
import dev.chat.application.port.memory.InMemoryUserRepository;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.User;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.ERIN;
import static dev.chat.application.identity.People.FRANK;

/**
 * Where the group specifications play: the cast (and a crowd of extras) have accounts, the
 * message log has seen some traffic elsewhere, and the group use cases are wired to a device
 * directory in which a specification connects whichever devices it needs.
 */
final class GroupScene {
    static final int EXTRAS = 64;

    final InMemoryUserRepository users = People.withAccounts(Stream.concat(
            Stream.of(ALICE, BOB, CAROL, DAVE, ERIN, FRANK), People.crowd(EXTRAS).stream()).toList());
    final InMemoryChatRepository chats = new InMemoryChatRepository();
    final InMemoryMessageLog log = new InMemoryMessageLog();
    /** The one node the group use cases tell of changes; its catch-up runs at once. */
    final Node devices = new Cluster(chats, new InMemoryMessageStore(), new InMemoryOffsetStore(),
            (user, message) -> { }, ChatMetrics.NONE, java.time.Clock.systemUTC()).node("node-1", Runnable::run);
    final TimeOrderedIds ids = new TimeOrderedIds();
    final GroupChanges changes = new GroupChanges(chats, devices.chatEvents);
    final KnownUsers knownUsers = new KnownUsers(users);

    GroupScene() {
        trafficElsewhere(3);
    }

    /** Messages in some other chat, so that the log's head moves on. */
    void trafficElsewhere(int messages) {
        ChatId elsewhere = PortFixtures.chatId();
        for (int i = 0; i < messages; i++) {
            log.append(PortFixtures.entry(elsewhere, FRANK.id()));
        }
    }

    Position logHead() {
        return log.head(PortFixtures.chatId());
    }

    /** The group changes of a node whose store is the given one, telling this scene's devices. */
    GroupChanges changesOn(ChatRepository store) {
        return new GroupChanges(store, devices.chatEvents);
    }

    CreateGroup createGroup(GroupPolicy policy) {
        return new CreateGroup(chats, knownUsers, log, ids, policy, changes);
    }

    /** Given Alice created the book club with Bob and Carol: Alice is its admin. */
    Group alicesBookClub(GroupPolicy policy) {
        return createGroup(policy).create(People.caller(ALICE), "Book club", Set.of(BOB.id(), CAROL.id()));
    }

    Group stored(ChatId group) {
        return (Group) chats.findById(group).orElseThrow();
    }

    static List<User> members(Group group, List<User> among) {
        List<User> members = new ArrayList<>();
        for (User user : among) {
            if (group.isMember(user.id())) {
                members.add(user);
            }
        }
        return members;
    }
}
