package dev.chat.adapter.out.jdbc;

import dev.chat.application.port.ChatRepository;
import dev.chat.domain.chat.ChatId;
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

import static dev.chat.application.port.contract.PortFixtures.chatId;
import static dev.chat.application.port.contract.PortFixtures.userId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the JDBC chat repository does beyond the contract: its node-local cache and atomic group saves. */
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
    void a_chat_this_node_wrote_is_served_from_its_cache_and_another_node_reads_the_table()
            throws SQLException {
        ApplicationContext node = open();
        ChatRepository chats = node.getBean(ChatRepository.class);
        Group group = group(chatId(), "Cached", userId(), userId());
        chats.saveGroup(group);

        // changed behind the node's back, as another node of a cluster would
        execute(node, "UPDATE chats SET name = 'Changed elsewhere' WHERE id = '" + group.id() + "'");

        assertThat(chats.findById(group.id())).contains(group);
        ChatRepository otherNode = open().getBean(ChatRepository.class);
        assertThat(otherNode.findById(group.id())).get().extracting(chat -> ((Group) chat).name())
                .isEqualTo(new GroupName("Changed elsewhere"));
    }

    @Test
    void a_group_save_that_fails_changes_nothing() throws SQLException {
        ApplicationContext node = open();
        ChatRepository chats = node.getBean(ChatRepository.class);
        UserId admin = userId();
        UserId member = userId();
        UserId refused = userId();
        Group before = group(chatId(), "Before", admin, member);
        chats.saveGroup(before);
        execute(node, "ALTER TABLE chat_members ADD CONSTRAINT refuse_test_member CHECK (user_id <> '" + refused + "')");

        Group after = before.rename(admin, new GroupName("After")).removeMember(admin, member)
                .addMember(admin, refused, new Position(5), GroupPolicy.DEFAULT);
        assertThatThrownBy(() -> chats.saveGroup(after)).isInstanceOf(StorageFailure.class);

        assertThat(chats.findById(before.id())).contains(before);
        assertThat(open().getBean(ChatRepository.class).findById(before.id())).contains(before);
        assertThat(chats.chatsOf(member)).containsExactly(before);
    }
}
