package dev.chat.adapter.out.jdbc;

import dev.chat.application.delivery.MembersFromChatRepository;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.MembershipView;
import dev.chat.application.port.contract.MembershipViewContract;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The embedded default's membership view over the JDBC chats on a real H2 database: the chat cache
 * in front of it never leaves the fan-out with a stale member list.
 */
class H2MembershipViewTest extends MembershipViewContract {
    @TempDir
    static Path dataDir;
    private static ApplicationContext context;

    @BeforeAll
    static void open() {
        context = H2Store.open(dataDir);
    }

    @AfterAll
    static void close() {
        context.close();
    }

    @Override
    protected ChatRepository chats() {
        return context.getBean(ChatRepository.class);
    }

    @Override
    protected MembershipView view() {
        return new MembersFromChatRepository(chats());
    }
}
