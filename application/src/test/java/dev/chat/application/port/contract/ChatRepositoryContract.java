package dev.chat.application.port.contract;

import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.ConcurrentChangeException;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.chat.Role;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link ChatRepository} promises; an adapter's test extends this and supplies the adapter. */
public abstract class ChatRepositoryContract {
    /** The adapter under test; it may hold data of other tests (every test uses fresh ids). */
    protected abstract ChatRepository chats();

    @Test
    void a_direct_chat_is_stored_once_and_found_by_id_and_by_either_user() {
        UserId a = userId();
        UserId b = userId();
        DirectChat chat = DirectChat.between(a, b);

        assertThat(chats().saveDirect(chat)).isEqualTo(chat);
        assertThat(chats().saveDirect(DirectChat.between(b, a))).isEqualTo(chat);

        assertThat(chats().findById(chat.id())).contains(chat);
        assertThat(chats().chatsOf(a)).containsExactly(chat);
        assertThat(chats().chatsOf(b)).containsExactly(chat);
    }

    @Test
    void concurrent_opens_of_one_direct_chat_all_get_the_same_chat() throws Exception {
        UserId a = userId();
        UserId b = userId();
        List<Callable<DirectChat>> opens = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            boolean flip = i % 2 == 0;
            opens.add(() -> chats().saveDirect(flip ? DirectChat.between(a, b) : DirectChat.between(b, a)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (Future<DirectChat> opened : pool.invokeAll(opens)) {
                assertThat(opened.get()).isEqualTo(DirectChat.between(a, b));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(chats().chatsOf(a)).hasSize(1);
    }

    @Test
    void a_group_is_found_with_its_name_members_roles_and_join_positions() {
        UserId admin = userId();
        UserId member = userId();
        Group group = Group.create(chatId(), new GroupName("Team"), admin, Set.of(member), new Position(42),
                GroupPolicy.DEFAULT);
        chats().saveGroup(group);

        Chat found = chats().findById(group.id()).orElseThrow();
        assertThat(found).isEqualTo(group);
        Group stored = (Group) found;
        assertThat(stored.name()).isEqualTo(new GroupName("Team"));
        assertThat(stored.membershipOf(admin).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(stored.membershipOf(member).orElseThrow().role()).isEqualTo(Role.MEMBER);
        assertThat(stored.membershipOf(member).orElseThrow().since()).isEqualTo(new Position(42));
        assertThat(chats().chatsOf(member)).containsExactly(group);
    }

    @Test
    void saving_a_group_again_replaces_its_name_and_members() {
        UserId admin = userId();
        UserId leaver = userId();
        UserId newcomer = userId();
        Group group = Group.create(chatId(), new GroupName("Before"), admin, Set.of(leaver), Position.START,
                GroupPolicy.DEFAULT);
        Group stored = chats().saveGroup(group);

        Group changed = stored.rename(admin, new GroupName("After"))
                .removeMember(admin, leaver)
                .addMember(admin, newcomer, new Position(7), GroupPolicy.DEFAULT)
                .promote(admin, newcomer);
        chats().saveGroup(changed);

        assertThat(chats().findById(group.id())).contains(changed);
        assertThat(chats().chatsOf(leaver)).isEmpty();
        assertThat(chats().chatsOf(newcomer)).containsExactly(changed);
        assertThat(chats().chatsOf(admin)).containsExactly(changed);
    }

    @Test
    void a_group_of_the_largest_allowed_size_is_stored_whole() {
        UserId admin = userId();
        Set<UserId> others = new LinkedHashSet<>();
        while (others.size() < GroupPolicy.DEFAULT.maxMembers() - 1) {
            others.add(userId());
        }
        Group group = Group.create(chatId(), new GroupName("Everyone"), admin, others, new Position(3),
                GroupPolicy.DEFAULT);
        chats().saveGroup(group);

        assertThat(chats().findById(group.id())).contains(group);
    }

    @Test
    void a_user_lists_every_chat_they_are_in_and_no_other() {
        UserId me = userId();
        UserId friend = userId();
        UserId stranger = userId();
        DirectChat direct = chats().saveDirect(DirectChat.between(me, friend));
        Group mine = Group.create(chatId(), new GroupName("Mine"), friend, Set.of(me), Position.START,
                GroupPolicy.DEFAULT);
        Group notMine = Group.create(chatId(), new GroupName("Theirs"), friend, Set.of(stranger), Position.START,
                GroupPolicy.DEFAULT);
        chats().saveGroup(mine);
        chats().saveGroup(notMine);
        chats().saveDirect(DirectChat.between(friend, stranger));

        assertThat(chats().chatsOf(me)).containsExactlyInAnyOrder(direct, mine);
        assertThat(chats().chatsOf(userId())).isEmpty();
    }

    @Test
    void a_new_group_is_stored_at_version_one_and_read_with_it() {
        UserId admin = userId();
        Group group = Group.create(chatId(), new GroupName("New"), admin, Set.of(userId()), Position.START,
                GroupPolicy.DEFAULT);
        assertThat(group.version()).isZero();

        Group stored = chats().saveGroup(group);

        assertThat(stored).isEqualTo(group);
        assertThat(stored.version()).isEqualTo(1);
        assertThat(versionOf(chats().findById(group.id()).orElseThrow())).isEqualTo(1);
        assertThat(chats().chatsOf(admin)).singleElement().extracting(ChatRepositoryContract::versionOf)
                .isEqualTo(1L);
    }

    @Test
    void every_save_raises_the_stored_version_by_one() {
        UserId admin = userId();
        Group group = Group.create(chatId(), new GroupName("Counting"), admin, Set.of(), Position.START,
                GroupPolicy.DEFAULT);

        Group v1 = chats().saveGroup(group);
        Group v2 = chats().saveGroup(v1.rename(admin, new GroupName("Counting 2")));
        Group v3 = chats().saveGroup(v2.addMember(admin, userId(), new Position(4), GroupPolicy.DEFAULT));

        assertThat(List.of(v1.version(), v2.version(), v3.version())).containsExactly(1L, 2L, 3L);
        Group found = (Group) chats().findById(group.id()).orElseThrow();
        assertThat(found).isEqualTo(v3);
        assertThat(found.version()).isEqualTo(3);
        assertThat(((Group) chats().chatsOf(admin).get(0)).version()).isEqualTo(3);
    }

    @Test
    void a_save_based_on_a_stale_version_is_refused_and_changes_nothing() {
        UserId admin = userId();
        UserId member = userId();
        UserId newcomer = userId();
        Group v1 = chats().saveGroup(Group.create(chatId(), new GroupName("Before"), admin, Set.of(member),
                Position.START, GroupPolicy.DEFAULT));
        Group v2 = chats().saveGroup(v1.rename(admin, new GroupName("Renamed")));

        // based on version 1, which a concurrent save has replaced
        Group stale = v1.rename(admin, new GroupName("Lost")).removeMember(admin, member)
                .addMember(admin, newcomer, new Position(9), GroupPolicy.DEFAULT);
        assertThatThrownBy(() -> chats().saveGroup(stale)).isInstanceOf(ConcurrentChangeException.class);
        // and a version that was never stored
        Group future = new Group(v2.id(), new GroupName("Future"), v2.members(), 5);
        assertThatThrownBy(() -> chats().saveGroup(future)).isInstanceOf(ConcurrentChangeException.class);

        Group found = (Group) chats().findById(v1.id()).orElseThrow();
        assertThat(found).isEqualTo(v2);
        assertThat(found.version()).isEqualTo(2);
        assertThat(chats().chatsOf(member)).containsExactly(v2);
        assertThat(chats().chatsOf(newcomer)).isEmpty();
    }

    @Test
    void a_new_group_whose_id_is_taken_is_refused_and_changes_nothing() {
        UserId admin = userId();
        UserId other = userId();
        ChatId id = chatId();
        Group first = chats().saveGroup(Group.create(id, new GroupName("First"), admin, Set.of(), Position.START,
                GroupPolicy.DEFAULT));

        Group second = Group.create(id, new GroupName("Second"), other, Set.of(), Position.START, GroupPolicy.DEFAULT);
        assertThatThrownBy(() -> chats().saveGroup(second)).isInstanceOf(ConcurrentChangeException.class);

        Group found = (Group) chats().findById(id).orElseThrow();
        assertThat(found).isEqualTo(first);
        assertThat(found.version()).isEqualTo(1);
        assertThat(chats().chatsOf(other)).isEmpty();
    }

    @Test
    void a_group_never_stored_is_not_saved_as_if_it_had_been() {
        UserId admin = userId();
        Group created = Group.create(chatId(), new GroupName("Nowhere"), admin, Set.of(), Position.START,
                GroupPolicy.DEFAULT);
        Group claimsVersion3 = new Group(created.id(), created.name(), created.members(), 3);

        assertThatThrownBy(() -> chats().saveGroup(claimsVersion3)).isInstanceOf(ConcurrentChangeException.class);

        assertThat(chats().findById(created.id())).isEmpty();
        assertThat(chats().chatsOf(admin)).isEmpty();
    }

    @Test
    void concurrent_read_change_save_loops_on_one_group_lose_no_change() throws Exception {
        int renames = 15;
        int additions = 15;
        UserId admin = userId();
        ChatId id = chatId();
        chats().saveGroup(Group.create(id, new GroupName("Name 0"), admin, Set.of(), Position.START,
                GroupPolicy.DEFAULT));
        List<UserId> newcomers = new ArrayList<>();
        for (int i = 0; i < additions; i++) {
            newcomers.add(userId());
        }
        CountDownLatch start = new CountDownLatch(1);
        Callable<Integer> renamer = () -> {
            start.await();
            int refused = 0;
            for (int i = 1; i <= renames; i++) {
                GroupName name = new GroupName("Name " + i);
                refused += untilSaved(id, group -> group.rename(admin, name));
            }
            return refused;
        };
        Callable<Integer> adder = () -> {
            start.await();
            int refused = 0;
            for (UserId newcomer : newcomers) {
                refused += untilSaved(id, group -> group.addMember(admin, newcomer, new Position(5),
                        GroupPolicy.DEFAULT));
            }
            return refused;
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> renaming = pool.submit(renamer);
            Future<Integer> adding = pool.submit(adder);
            start.countDown();
            renaming.get(120, TimeUnit.SECONDS);
            adding.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }

        Group found = (Group) chats().findById(id).orElseThrow();
        assertThat(found.name()).isEqualTo(new GroupName("Name " + renames));
        assertThat(newcomers).allSatisfy(newcomer -> assertThat(found.isMember(newcomer)).isTrue());
        assertThat(found.size()).isEqualTo(1 + additions);
        assertThat(found.version()).isEqualTo(1 + renames + additions);
    }

    /** Reads, changes and saves the group until a save is not refused; returns how often it was. */
    private int untilSaved(ChatId id, UnaryOperator<Group> change) {
        for (int refused = 0; ; refused++) {
            Group group = (Group) chats().findById(id).orElseThrow();
            try {
                chats().saveGroup(change.apply(group));
                return refused;
            } catch (ConcurrentChangeException stale) {
                if (refused > 10_000) {
                    throw stale;
                }
                Thread.yield();
            }
        }
    }

    private static long versionOf(Chat chat) {
        return ((Group) chat).version();
    }

    @Test
    void an_unknown_chat_is_absent() {
        ChatId unknown = chatId();
        assertThat(chats().findById(unknown)).isEmpty();
    }
}
