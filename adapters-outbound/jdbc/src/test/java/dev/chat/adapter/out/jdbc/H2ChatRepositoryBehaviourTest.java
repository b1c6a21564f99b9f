package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.ConcurrentChangeException;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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

/**
 * What the JDBC chat repository does beyond the contract: several nodes on one database (groups are
 * never cached, saves are version-checked in the database), its cache of direct chats, atomic group saves.
 */
class H2ChatRepositoryBehaviourTest {
    @TempDir
    Path dataDir;
    private final List<ApplicationContext> contexts = new ArrayList<>();

    @AfterEach
    void closeAll() {
        contexts.stream().filter(ApplicationContext::isRunning).forEach(ApplicationContext::close);
    }

    private ApplicationContext open() {
        ApplicationContext context = H2Store.open(dataDir);
        contexts.add(context);
        return context;
    }

    private static void execute(ApplicationContext context, String sql) throws SQLException {
        DataSource raw = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        try (Connection connection = raw.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Group group(ChatId id, String name, UserId admin, UserId... members) {
        return Group.create(id, new GroupName(name), admin, Set.of(members), Position.START, GroupPolicy.DEFAULT);
    }

    @Test
    void a_group_another_node_changed_is_read_as_changed_and_a_save_based_on_the_old_version_is_refused() {
        ChatRepository node = open().getBean(ChatRepository.class);
        ChatRepository otherNode = open().getBean(ChatRepository.class);
        UserId admin = userId();
        UserId newcomer = userId();
        Group read = node.saveGroup(group(chatId(), "Before", admin, userId()));
        assertThat(node.findById(read.id())).contains(read);

        Group renamedElsewhere = otherNode.saveGroup(((Group) otherNode.findById(read.id()).orElseThrow())
                .rename(admin, new GroupName("Renamed elsewhere")));

        // no node-local copy of a group: this node reads what the other one stored
        Group fresh = (Group) node.findById(read.id()).orElseThrow();
        assertThat(fresh).isEqualTo(renamedElsewhere);
        assertThat(fresh.version()).isEqualTo(2);
        assertThat(node.chatsOf(admin)).containsExactly(renamedElsewhere);
        // and a change of the copy it read before the rename would undo the rename: refused
        Group stale = read.addMember(admin, newcomer, new Position(3), GroupPolicy.DEFAULT);
        assertThatThrownBy(() -> node.saveGroup(stale)).isInstanceOf(ConcurrentChangeException.class);
        assertThat(otherNode.findById(read.id())).contains(renamedElsewhere);
        assertThat(otherNode.chatsOf(newcomer)).isEmpty();
    }

    @Test
    void two_nodes_changing_one_group_at_once_lose_no_change() throws Exception {
        ChatRepository node = open().getBean(ChatRepository.class);
        ChatRepository otherNode = open().getBean(ChatRepository.class);
        UserId admin = userId();
        ChatId id = node.saveGroup(group(chatId(), "Name 0", admin)).id();
        List<UserId> newcomers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            newcomers.add(userId());
        }
        int renames = 12;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Future<?> renaming = nodes.submit(() -> {
                await(start);
                for (int i = 1; i <= renames; i++) {
                    GroupName name = new GroupName("Name " + i);
                    untilSaved(node, id, g -> g.rename(admin, name));
                }
            });
            Future<?> adding = nodes.submit(() -> {
                await(start);
                for (UserId newcomer : newcomers) {
                    untilSaved(otherNode, id, g -> g.addMember(admin, newcomer, new Position(1), GroupPolicy.DEFAULT));
                }
            });
            start.countDown();
            renaming.get(120, TimeUnit.SECONDS);
            adding.get(120, TimeUnit.SECONDS);
        } finally {
            nodes.shutdownNow();
        }

        for (ChatRepository either : List.of(node, otherNode)) {
            Group group = (Group) either.findById(id).orElseThrow();
            assertThat(group.name()).isEqualTo(new GroupName("Name " + renames));
            assertThat(newcomers).allSatisfy(newcomer -> assertThat(group.isMember(newcomer)).isTrue());
            assertThat(group.version()).isEqualTo(1 + renames + newcomers.size());
        }
    }

    private static void untilSaved(ChatRepository chats, ChatId id, UnaryOperator<Group> change) {
        while (true) {
            try {
                chats.saveGroup(change.apply((Group) chats.findById(id).orElseThrow()));
                return;
            } catch (ConcurrentChangeException stale) {
                Thread.yield();
            }
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_direct_chat_is_served_from_the_cache_its_members_never_change() throws SQLException {
        ApplicationContext context = open();
        ChatRepository node = context.getBean(ChatRepository.class);
        DirectChat chat = node.saveDirect(DirectChat.between(userId(), userId()));

        // gone from the table behind the node's back: only a lookup without a query still finds it
        execute(context, "DELETE FROM chats WHERE id = '" + chat.id() + "'");

        assertThat(node.findById(chat.id())).contains(chat);
        assertThat(node.saveDirect(chat)).isEqualTo(chat);
        assertThat(open().getBean(ChatRepository.class).findById(chat.id())).isEmpty();
    }

    @Test
    void a_group_is_read_from_the_table_every_time() throws SQLException {
        ApplicationContext context = open();
        ChatRepository node = context.getBean(ChatRepository.class);
        Group group = node.saveGroup(group(chatId(), "Stored", userId()));
        assertThat(node.findById(group.id())).contains(group);

        execute(context, "UPDATE chats SET name = 'Changed elsewhere', version = 2 WHERE id = '" + group.id() + "'");

        Group read = (Group) node.findById(group.id()).orElseThrow();
        assertThat(read.name()).isEqualTo(new GroupName("Changed elsewhere"));
        assertThat(read.version()).isEqualTo(2);
    }

    @Test
    void a_group_save_that_fails_changes_nothing() throws SQLException {
        ApplicationContext node = open();
        ChatRepository chats = node.getBean(ChatRepository.class);
        UserId admin = userId();
        UserId member = userId();
        UserId refused = userId();
        Group before = chats.saveGroup(group(chatId(), "Before", admin, member));
        execute(node, "ALTER TABLE chat_members ADD CONSTRAINT refuse_test_member CHECK (user_id <> '" + refused + "')");

        Group after = before.rename(admin, new GroupName("After")).removeMember(admin, member)
                .addMember(admin, refused, new Position(5), GroupPolicy.DEFAULT);
        assertThatThrownBy(() -> chats.saveGroup(after)).isInstanceOf(StorageFailure.class);

        assertThat(chats.findById(before.id())).contains(before);
        assertThat(open().getBean(ChatRepository.class).findById(before.id())).contains(before);
        assertThat(chats.chatsOf(member)).containsExactly(before);
        assertThat(((Group) chats.findById(before.id()).orElseThrow()).version()).isEqualTo(1);
        // the refused transaction left the version as it was: a save based on it goes through
        assertThat(chats.saveGroup(before.rename(admin, new GroupName("Again"))).version()).isEqualTo(2);
    }
}
