package dev.chat.application.port.contract;

import dev.chat.application.port.ChatRepository;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;

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
        chats().saveGroup(group);

        Group changed = group.rename(admin, new GroupName("After"))
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
    void an_unknown_chat_is_absent() {
        ChatId unknown = chatId();
        assertThat(chats().findById(unknown)).isEmpty();
    }
}
