package dev.chat.adapter.out.jdbc.chat;

import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.ConcurrentChangeException;
import dev.chat.domain.chat.Chat;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.DirectChat;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.Membership;
import dev.chat.domain.chat.Role;
import dev.chat.domain.message.Position;
import dev.chat.domain.user.UserId;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ChatRepository} on {@code chats} and {@code chat_members}, correct with any number of
 * server nodes on one database, without locks in the JVM.
 *
 * <p>Groups: {@link #saveGroup} is version-checked in the database. In one transaction it either
 * inserts a new group (version 0: a unique violation means the id is taken) or runs
 * {@code UPDATE chats SET name = ?, version = version + 1 WHERE id = ? AND version = ?} (no row
 * changed means someone, on any node, saved the group since it was read), then rewrites the
 * members; a refused save throws {@link ConcurrentChangeException} and stores nothing. A group and
 * its members are read in one statement, so the version read is the one of the members read.
 * Any node may change a group, so a node-local copy is never trusted as it is: {@link #findById}
 * keeps the groups it read, but checks each against the stored version (one primary-key read of a
 * number instead of the group and all its member rows) and reads the group again when the version
 * moved. What it answers is therefore what the database holds at that moment, on any node.
 *
 * <p>Direct chats: their two members never change, so no write on another node can make a copy
 * stale. They are cached in process ({@code chat.chats.cache-size}, LRU), and {@link #findById},
 * which every sent and every delivered message calls, is a cache hit for them.
 */
@Singleton
public final class JdbcChatRepository implements ChatRepository {
    private static final String COLUMNS = "c.id, c.kind, c.name, c.version, m.user_id, m.role, m.since_position";
    /** LEFT JOIN: a group whose last member left is still found (with no members). */
    private static final String CHAT_BY_ID = "SELECT " + COLUMNS
            + " FROM chats c LEFT JOIN chat_members m ON m.chat_id = c.id WHERE c.id = ?";
    /** Every chat the user is in, each with all of its members, in one statement. */
    private static final String VERSION_OF = "SELECT version FROM chats WHERE id = ?";
    private static final String CHATS_OF = "SELECT " + COLUMNS
            + " FROM chat_members mine JOIN chats c ON c.id = mine.chat_id JOIN chat_members m ON m.chat_id = c.id"
            + " WHERE mine.user_id = ?";

    private final ChatRows chats;
    private final ChatMemberRows members;
    private final TransactionOperations<Connection> transactions;
    private final DataSource dataSource;
    private final ChatCache<DirectChat> directChats;
    private final ChatCache<Group> groups;
    private final java.util.concurrent.atomic.AtomicLong membershipReads = new java.util.concurrent.atomic.AtomicLong();

    public JdbcChatRepository(ChatRows chats, ChatMemberRows members, TransactionOperations<Connection> transactions,
                              DataSource dataSource, @Value("${chat.chats.cache-size:100000}") int cacheSize) {
        this.chats = chats;
        this.members = members;
        this.transactions = transactions;
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.directChats = new ChatCache<>(cacheSize);
        this.groups = new ChatCache<>(cacheSize);
    }

    @Override
    public DirectChat saveDirect(DirectChat chat) {
        Optional<DirectChat> cached = directChats.get(chat.id());
        if (cached.isPresent()) {
            return cached.get();
        }
        Optional<Chat> stored = load(chat.id());
        if (stored.isPresent()) {
            return directChats.put(asDirect(stored.get()), JdbcChatRepository::same);
        }
        try {
            transactions.executeWrite(status -> {
                chats.save(new ChatRow(chat.id().value(), ChatRow.DIRECT, null, ChatRow.FIRST_VERSION));
                members.saveAll(memberRows(chat));
                MembershipProjection.insert(status.getConnection(), chat, ChatRow.FIRST_VERSION);
                return null;
            });
        } catch (DataAccessException e) {
            if (!SqlErrors.isUniqueViolation(e)) {
                throw StorageFailure.of("storing a direct chat", e);
            }
            // stored first by another thread or node: the id says it is the same chat
        }
        return directChats.put(chat, JdbcChatRepository::same);
    }

    /** Two copies of a direct chat are the same chat: it never changes, so the cached one stays. */
    private static DirectChat same(DirectChat cached, DirectChat loaded) {
        return cached;
    }

    @Override
    public Group saveGroup(Group group) {
        UUID id = group.id().value();
        String name = group.name().value();
        long basedOn = group.version();
        try {
            Group saved = transactions.executeWrite(status -> {
                if (basedOn == Group.NEVER_STORED) {
                    chats.save(new ChatRow(id, ChatRow.GROUP, name, ChatRow.FIRST_VERSION));
                } else {
                    // the row lock taken here orders concurrent saves: a later one finds another version
                    if (chats.updateGroupAt(id, name, basedOn) == 0) {
                        throw new ConcurrentChangeException(group.id(), basedOn);
                    }
                    members.deleteMembersOf(id);
                }
                members.saveAll(memberRows(group));
                if (basedOn == Group.NEVER_STORED) {
                    MembershipProjection.insert(status.getConnection(), group, ChatRow.FIRST_VERSION);
                } else {
                    MembershipProjection.update(status.getConnection(), group, basedOn + 1);
                }
                return new Group(group.id(), group.name(), group.members(), basedOn + 1);
            });
            remember(saved);
            return saved;
        } catch (DataAccessException e) {
            if (basedOn == Group.NEVER_STORED && SqlErrors.isUniqueViolation(e)) {
                // a chat with this id was stored first, here or on another node
                throw new ConcurrentChangeException(group.id(), basedOn);
            }
            throw StorageFailure.of("storing a group", e);
        }
    }

    @Override
    public Optional<Chat> findById(ChatId id) {
        Optional<DirectChat> cached = directChats.get(id);
        if (cached.isPresent()) {
            return Optional.of(cached.get());
        }
        Optional<Group> known = groups.get(id);
        if (known.isPresent()) {
            if (storedVersion(id) == known.get().version()) {
                return Optional.of(known.get());
            }
            groups.remove(id, known.get());
        }
        return load(id).map(this::cachedIfDirect);
    }

    /** The group's stored version, or -1 when no such chat is stored. */
    private long storedVersion(ChatId id) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(VERSION_OF)) {
                statement.setObject(1, id.value());
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? rows.getLong(1) : -1;
                }
            }
        } catch (SQLException e) {
            throw StorageFailure.of("reading a chat's version", e);
        }
    }

    /** A group as stored at its version; a racing older read never replaces a newer one. */
    private void remember(Group group) {
        groups.put(group, (old, fresh) -> fresh.version() >= old.version() ? fresh : old);
    }

    @Override
    public List<Chat> chatsOf(UserId user) {
        return query(CHATS_OF, user.value(), "listing a user's chats").stream().map(this::cachedIfDirect).toList();
    }

    private Optional<Chat> load(ChatId id) {
        return query(CHAT_BY_ID, id.value(), "reading a chat").stream().findFirst();
    }

    /**
     * Statements that read member rows from the database (a cache miss, a changed group, a user's chat
     * list). A version check reads no member and is not counted: the distributed fan-out, which
     * reads memberships from the join's table, leaves this flat under load.
     */
    public long membershipReads() {
        return membershipReads.get();
    }

    /** The chats whose rows the statement returns (one row per member), read in one statement. */
    private List<Chat> query(String sql, UUID parameter, String operation) {
        membershipReads.incrementAndGet();
        Map<UUID, Loaded> loaded = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(true);
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                statement.setObject(1, parameter);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        UUID chatId = rows.getObject(1, UUID.class);
                        Loaded chat = loaded.get(chatId);
                        if (chat == null) {
                            chat = new Loaded(chatId, rows.getString(2), rows.getString(3), rows.getLong(4));
                            loaded.put(chatId, chat);
                        }
                        UUID member = rows.getObject(5, UUID.class);
                        if (member != null) {
                            chat.members.add(new Membership(new UserId(member), Role.valueOf(rows.getString(6)),
                                    new Position(rows.getLong(7))));
                        }
                    }
                }
            }
        } catch (SQLException e) {
            throw StorageFailure.of(operation, e);
        }
        List<Chat> result = new ArrayList<>(loaded.size());
        for (Loaded chat : loaded.values()) {
            result.add(chat.toChat());
        }
        return result;
    }

    private Chat cachedIfDirect(Chat chat) {
        if (chat instanceof Group group) {
            remember(group);
            return group;
        }
        return directChats.put((DirectChat) chat, JdbcChatRepository::same);
    }

    /** A chat's row and the members read with it. */
    private record Loaded(UUID id, String kind, String name, long version, List<Membership> members) {
        Loaded(UUID id, String kind, String name, long version) {
            this(id, kind, name, version, new ArrayList<>());
        }

        Chat toChat() {
            ChatId chatId = new ChatId(id);
            if (ChatRow.DIRECT.equals(kind)) {
                if (members.size() != 2) {
                    throw new IllegalStateException("direct chat " + chatId + " has " + members.size()
                            + " members stored");
                }
                return new DirectChat(chatId, members.get(0).userId(), members.get(1).userId());
            }
            // a stable order, so that the group behaves the same after every load (eldest member first)
            List<Membership> ordered = members.stream()
                    .sorted(Comparator.comparing(Membership::since)
                            .thenComparing(m -> m.isAdmin() ? 0 : 1)
                            .thenComparing(Membership::userId))
                    .toList();
            return new Group(chatId, new GroupName(name), ordered, version);
        }
    }

    private static List<ChatMemberRow> memberRows(Chat chat) {
        return chat.members().stream()
                .map(m -> new ChatMemberRow(new ChatMemberRow.Key(chat.id().value(), m.userId().value()),
                        m.role().name(), m.since().value()))
                .toList();
    }

    private static DirectChat asDirect(Chat chat) {
        if (chat instanceof DirectChat direct) {
            return direct;
        }
        throw new IllegalStateException("chat " + chat.id() + " is stored as a group");
    }
}
