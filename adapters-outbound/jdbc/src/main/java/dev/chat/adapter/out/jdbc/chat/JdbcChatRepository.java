package dev.chat.adapter.out.jdbc.chat;

import dev.chat.adapter.out.jdbc.SqlErrors;
import dev.chat.adapter.out.jdbc.StorageFailure;
import dev.chat.application.port.ChatRepository;
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
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@link ChatRepository} on {@code chats} and {@code chat_members}, with an in-process cache in
 * front of {@link #findById}, which every sent and every delivered message calls.
 *
 * <p>The cache is kept right by this node's own writes only. That is exact on one node (the embedded
 * default); a cluster of API nodes must not rely on it and gets memberships from the Kafka Streams
 * membership table fed by change data capture instead (the distributed profile).
 */
@Singleton
public final class JdbcChatRepository implements ChatRepository {
    private static final int LOCK_STRIPES = 64;

    private final ChatRows chats;
    private final ChatMemberRows members;
    private final TransactionOperations<Connection> transactions;
    private final ChatCache cache;
    private final Object[] writeLocks = new Object[LOCK_STRIPES];

    public JdbcChatRepository(ChatRows chats, ChatMemberRows members, TransactionOperations<Connection> transactions,
                              @Value("${chat.chats.cache-size:100000}") int cacheSize) {
        this.chats = chats;
        this.members = members;
        this.transactions = transactions;
        this.cache = new ChatCache(cacheSize);
        for (int i = 0; i < LOCK_STRIPES; i++) {
            writeLocks[i] = new Object();
        }
    }

    @Override
    public DirectChat saveDirect(DirectChat chat) {
        Optional<Chat> cached = cache.get(chat.id());
        if (cached.isPresent()) {
            return asDirect(cached.get());
        }
        synchronized (lockFor(chat.id())) {
            Optional<Chat> stored = load(chat.id());
            if (stored.isPresent()) {
                return asDirect(cache.loaded(stored.get()));
            }
            try {
                transactions.executeWrite(status -> {
                    chats.save(new ChatRow(chat.id().value(), ChatRow.DIRECT, null));
                    members.saveAll(memberRows(chat));
                    return null;
                });
            } catch (DataAccessException e) {
                if (!SqlErrors.isUniqueViolation(e)) {
                    throw StorageFailure.of("storing a direct chat", e);
                }
                // another node stored the same pair's chat first: the id says it is the same chat
            }
            cache.written(chat);
            return chat;
        }
    }

    @Override
    public void saveGroup(Group group) {
        synchronized (lockFor(group.id())) {
            ChatRow row = new ChatRow(group.id().value(), ChatRow.GROUP, group.name().value());
            try {
                transactions.executeWrite(status -> {
                    if (chats.existsById(row.id())) {
                        chats.update(row);
                    } else {
                        chats.save(row);
                    }
                    members.deleteMembersOf(row.id());
                    members.saveAll(memberRows(group));
                    return null;
                });
            } catch (DataAccessException e) {
                throw StorageFailure.of("storing a group", e);
            }
            cache.written(group);
        }
    }

    @Override
    public Optional<Chat> findById(ChatId id) {
        Optional<Chat> cached = cache.get(id);
        if (cached.isPresent()) {
            return cached;
        }
        return load(id).map(cache::loaded);
    }

    @Override
    public List<Chat> chatsOf(UserId user) {
        List<ChatRow> rows = chats.findChatsOf(user.value());
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<UUID, List<ChatMemberRow>> membersByChat = new LinkedHashMap<>();
        for (ChatMemberRow member : members.findMembersOfChatsOf(user.value())) {
            membersByChat.computeIfAbsent(member.id().chatId(), id -> new ArrayList<>()).add(member);
        }
        List<Chat> result = new ArrayList<>(rows.size());
        for (ChatRow row : rows) {
            result.add(cache.loaded(toChat(row, membersByChat.getOrDefault(row.id(), List.of()))));
        }
        return result;
    }

    private Optional<Chat> load(ChatId id) {
        return chats.findById(id.value()).map(row -> toChat(row, members.findMembersOf(row.id())));
    }

    private static Chat toChat(ChatRow row, List<ChatMemberRow> memberRows) {
        ChatId id = new ChatId(row.id());
        if (ChatRow.DIRECT.equals(row.kind())) {
            if (memberRows.size() != 2) {
                throw new IllegalStateException("direct chat " + id + " has " + memberRows.size() + " members stored");
            }
            return new DirectChat(id, new UserId(memberRows.get(0).id().userId()),
                    new UserId(memberRows.get(1).id().userId()));
        }
        // a stable order, so that the group behaves the same after every load (eldest member first)
        List<Membership> memberships = memberRows.stream()
                .map(m -> new Membership(new UserId(m.id().userId()), Role.valueOf(m.role()),
                        new Position(m.sincePosition())))
                .sorted(Comparator.comparing(Membership::since)
                        .thenComparing(m -> m.isAdmin() ? 0 : 1)
                        .thenComparing(Membership::userId))
                .toList();
        return new Group(id, new GroupName(row.name()), memberships);
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

    private Object lockFor(ChatId id) {
        return writeLocks[Math.floorMod(id.hashCode(), LOCK_STRIPES)];
    }
}
