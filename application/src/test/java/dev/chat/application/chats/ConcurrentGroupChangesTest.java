package dev.chat.application.chats;

import dev.chat.application.delivery.DeviceEvent.ChatChanged;
import dev.chat.application.delivery.DeviceEvent.ChatChanged.Change;
import dev.chat.application.delivery.RecordingSink;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.ConcurrentChangeException;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.User;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import static dev.chat.application.identity.People.ALICE;
import static dev.chat.application.identity.People.BOB;
import static dev.chat.application.identity.People.CAROL;
import static dev.chat.application.identity.People.DAVE;
import static dev.chat.application.identity.People.caller;
import static dev.chat.application.identity.People.crowd;
import static dev.chat.application.identity.Refusals.refusalOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Group changes on several nodes at once: nobody holds a lock; the store refuses a save based on a
 * version someone else replaced, and the change is applied again to the fresh group. So
 * concurrent changes all survive, a refusal of the model on the fresh group is the answer, and a
 * store that keeps refusing ends in a CONFLICT the caller may retry. Devices hear only of stored
 * changes.
 */
class ConcurrentGroupChangesTest {
    private final GroupScene scene = new GroupScene();
    private final ChatId club = scene.alicesBookClub(GroupPolicy.DEFAULT).id();
    private final RecordingSink bobsPhone = scene.devices.live(BOB, "phone");

    private Group stored() {
        return scene.stored(club);
    }

    @Test
    void concurrentRenamesAndAddsFromManyThreadsLoseNothing() throws Exception {
        int renames = 24;
        int adders = 7;
        int addsEach = 8;
        // every read takes a while, so that other threads save in between and saves are refused
        SlowReadingStore store = new SlowReadingStore(scene.chats);
        GroupChanges changes = scene.changesOn(store);
        RenameGroup rename = new RenameGroup(changes);
        AddMember add = new AddMember(changes, scene.knownUsers, scene.log, GroupPolicy.DEFAULT);
        List<User> newcomers = crowd(adders * addsEach);
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Void>> workers = new ArrayList<>();
        workers.add(() -> {
            start.await();
            for (int i = 1; i <= renames; i++) {
                String name = "Name " + i;
                asAClientWould(() -> rename.rename(caller(ALICE), club, name));
            }
            return null;
        });
        for (int a = 0; a < adders; a++) {
            List<User> mine = newcomers.subList(a * addsEach, (a + 1) * addsEach);
            workers.add(() -> {
                start.await();
                for (User newcomer : mine) {
                    asAClientWould(() -> add.add(caller(ALICE), club, newcomer.id()));
                }
                return null;
            });
        }
        ExecutorService threads = Executors.newFixedThreadPool(workers.size());
        try {
            List<Future<Void>> running = new ArrayList<>();
            for (Callable<Void> worker : workers) {
                running.add(threads.submit(worker));
            }
            start.countDown();
            for (Future<Void> done : running) {
                done.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        int stored = renames + newcomers.size();
        assertThat(store.refused()).as("saves refused for a stale version").isPositive();
        Group group = stored();
        assertThat(group.name()).isEqualTo(new GroupName("Name " + renames));
        assertThat(GroupScene.members(group, newcomers)).containsExactlyInAnyOrderElementsOf(newcomers);
        assertThat(group.size()).isEqualTo(3 + newcomers.size());
        // stored once each: created at version 1, then one version per change, none for a refused save
        assertThat(group.version()).isEqualTo(1 + stored);
        // told once per stored change: a CONFLICT stored nothing and told nobody
        List<ChatChanged> told = bobsPhone.chatChanges();
        assertThat(told).hasSize(stored);
        assertThat(told).filteredOn(e -> e.change() == Change.RENAMED).hasSize(renames);
        assertThat(told).filteredOn(e -> e.change() == Change.MEMBER_ADDED).extracting(ChatChanged::subject)
                .containsExactlyInAnyOrderElementsOf(newcomers.stream().map(User::id).toList());
    }

    /** A client told CONFLICT tries again, as the refusal says; any other refusal fails the test. */
    private static void asAClientWould(Runnable change) {
        while (true) {
            try {
                change.run();
                return;
            } catch (RejectedException refused) {
                if (refused.rejection() != Rejection.CONFLICT) {
                    throw refused;
                }
            }
        }
    }

    @Test
    void aRenameOnAnotherNodeBetweenReadAndSaveSurvivesAnAddAndTheAddSurvivesIt() {
        // another node renames the club after this node read it and before it saved
        RacingStore store = new RacingStore(scene.chats, group -> scene.chats.saveGroup(
                group.rename(ALICE.id(), new GroupName("Poetry club"))));
        AddMember add = new AddMember(scene.changesOn(store), scene.knownUsers, scene.log, GroupPolicy.DEFAULT);

        Group grown = add.add(caller(ALICE), club, DAVE.id());

        assertThat(grown.name()).isEqualTo(new GroupName("Poetry club"));
        assertThat(grown.isMember(DAVE.id())).isTrue();
        assertThat(stored()).isEqualTo(grown);
        assertThat(stored().version()).isEqualTo(3);
        assertThat(store.saves()).isEqualTo(2);
        assertThat(bobsPhone.chatChanges()).containsExactly(
                new ChatChanged(club, Change.MEMBER_ADDED, DAVE.id(), ALICE.id(), Optional.empty()));
    }

    @Test
    void aRefusalOfTheModelOnTheFreshGroupIsTheAnswer() {
        // another node adds Dave first: adding him again is refused as it would be one after the other
        RacingStore store = new RacingStore(scene.chats, group -> scene.chats.saveGroup(
                group.addMember(ALICE.id(), DAVE.id(), new Position(9), GroupPolicy.DEFAULT)));
        AddMember add = new AddMember(scene.changesOn(store), scene.knownUsers, scene.log, GroupPolicy.DEFAULT);

        assertThat(refusalOf(() -> add.add(caller(ALICE), club, DAVE.id()))).isEqualTo(Rejection.ALREADY_A_MEMBER);

        assertThat(stored().requireMember(DAVE.id()).since()).isEqualTo(new Position(9));
        assertThat(stored().version()).isEqualTo(2);
        assertThat(bobsPhone.chatChanges()).isEmpty();
    }

    @Test
    void anAdminRemovedOnAnotherNodeMeanwhileIsAStrangerToTheGroup() {
        RacingStore store = new RacingStore(scene.chats, group -> scene.chats.saveGroup(
                group.promote(ALICE.id(), BOB.id()).removeMember(BOB.id(), ALICE.id())));
        RenameGroup rename = new RenameGroup(scene.changesOn(store));

        assertThat(refusalOf(() -> rename.rename(caller(ALICE), club, "Alice's club")))
                .isEqualTo(Rejection.CHAT_NOT_FOUND);
        assertThat(stored().name()).isEqualTo(new GroupName("Book club"));
    }

    @Test
    void aStoreThatKeepsRefusingEndsInAConflictAndNobodyIsTold() {
        RefusingStore store = new RefusingStore(scene.chats);
        RenameGroup rename = new RenameGroup(scene.changesOn(store));
        Group before = stored();

        Throwable refused = catchThrowable(() -> rename.rename(caller(ALICE), club, "Poetry club"));

        assertThat(refused).isInstanceOf(RejectedException.class)
                .hasMessage("the group changed concurrently; retry");
        assertThat(((RejectedException) refused).rejection()).isEqualTo(Rejection.CONFLICT);
        assertThat(store.saves()).isEqualTo(GroupChanges.DEFAULT_ATTEMPTS);
        assertThat(stored()).isEqualTo(before);
        assertThat(stored().version()).isEqualTo(before.version());
        assertThat(bobsPhone.chatChanges()).isEmpty();
    }

    @Test
    void everyKindOfChangeEndsInAConflictWhenTheStoreKeepsRefusing() {
        GroupChanges changes = scene.changesOn(new RefusingStore(scene.chats));

        assertThat(refusalOf(() -> new AddMember(changes, scene.knownUsers, scene.log, GroupPolicy.DEFAULT)
                .add(caller(ALICE), club, DAVE.id()))).isEqualTo(Rejection.CONFLICT);
        assertThat(refusalOf(() -> new RemoveMember(changes).remove(caller(ALICE), club, BOB.id())))
                .isEqualTo(Rejection.CONFLICT);
        assertThat(refusalOf(() -> new PromoteAdmin(changes).promote(caller(ALICE), club, CAROL.id())))
                .isEqualTo(Rejection.CONFLICT);
        assertThat(refusalOf(() -> new LeaveGroup(changes).leave(caller(CAROL), club)))
                .isEqualTo(Rejection.CONFLICT);
        assertThat(stored().size()).isEqualTo(3);
        assertThat(bobsPhone.chatChanges()).isEmpty();
    }

    @Test
    void aNewGroupIsStoredAsNeverStoredBefore() {
        Group created = scene.createGroup(GroupPolicy.DEFAULT).create(caller(ALICE), "Chess", Set.of(BOB.id()));

        assertThat(created.version()).isEqualTo(1);
        assertThat(scene.stored(created.id()).version()).isEqualTo(1);
    }

    /** Reads from the given store; before its first group save, "another node" saves a change of the group. */
    private static final class RacingStore implements ChatRepository {
        private final ChatRepository inner;
        private final Consumer<Group> otherNode;
        private final AtomicInteger saves = new AtomicInteger();

        RacingStore(ChatRepository inner, Consumer<Group> otherNode) {
            this.inner = inner;
            this.otherNode = otherNode;
        }

        int saves() {
            return saves.get();
        }

        @Override
        public Group saveGroup(Group group) {
            if (saves.incrementAndGet() == 1) {
                otherNode.accept((Group) inner.findById(group.id()).orElseThrow());
            }
            return inner.saveGroup(group);
        }

        @Override
        public DirectChat saveDirect(DirectChat chat) {
            return inner.saveDirect(chat);
        }

        @Override
        public Optional<Chat> findById(ChatId id) {
            return inner.findById(id);
        }

        @Override
        public List<Chat> chatsOf(UserId user) {
            return inner.chatsOf(user);
        }
    }

    /** The given store, with a pause after every read and a count of the saves it refused. */
    private static final class SlowReadingStore implements ChatRepository {
        private final ChatRepository inner;
        private final AtomicInteger refused = new AtomicInteger();

        SlowReadingStore(ChatRepository inner) {
            this.inner = inner;
        }

        int refused() {
            return refused.get();
        }

        @Override
        public Group saveGroup(Group group) {
            try {
                return inner.saveGroup(group);
            } catch (ConcurrentChangeException stale) {
                refused.incrementAndGet();
                throw stale;
            }
        }

        @Override
        public DirectChat saveDirect(DirectChat chat) {
            return inner.saveDirect(chat);
        }

        @Override
        public Optional<Chat> findById(ChatId id) {
            Optional<Chat> found = inner.findById(id);
            LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(ThreadLocalRandom.current().nextLong(20, 200)));
            return found;
        }

        @Override
        public List<Chat> chatsOf(UserId user) {
            return inner.chatsOf(user);
        }
    }

    /** Reads from the given store and refuses every group save, as a store would under endless contention. */
    private static final class RefusingStore implements ChatRepository {
        private final ChatRepository inner;
        private final AtomicInteger saves = new AtomicInteger();

        RefusingStore(ChatRepository inner) {
            this.inner = inner;
        }

        int saves() {
            return saves.get();
        }

        @Override
        public Group saveGroup(Group group) {
            saves.incrementAndGet();
            throw new ConcurrentChangeException(group.id(), group.version());
        }

        @Override
        public DirectChat saveDirect(DirectChat chat) {
            return inner.saveDirect(chat);
        }

        @Override
        public Optional<Chat> findById(ChatId id) {
            return inner.findById(id);
        }

        @Override
        public List<Chat> chatsOf(UserId user) {
            return inner.chatsOf(user);
        }
    }
}
