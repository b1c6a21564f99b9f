package dev.chat.application.chats;

import dev.chat.application.chats.GroupAdministrationUseCases.CreateGroupUseCase;
import dev.chat.application.identity.Caller;
import dev.chat.application.port.ChatRepository;
import dev.chat.application.port.ConcurrentChangeException;
import dev.chat.application.port.IdGenerator;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.RejectedException;
import dev.chat.domain.Rejection;
import dev.chat.domain.Require;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.user.UserId;

import java.util.LinkedHashSet;
import java.util.Set;

/** Use case: creating a group; the creator becomes its admin. */
public final class CreateGroup implements CreateGroupUseCase {
    private final ChatRepository chats;
    private final KnownUsers users;
    private final MessageLog log;
    private final IdGenerator ids;
    private final GroupPolicy policy;
    private final GroupChanges changes;

    public CreateGroup(ChatRepository chats, KnownUsers users, MessageLog log, IdGenerator ids, GroupPolicy policy,
                GroupChanges changes) {
        this.chats = chats;
        this.users = users;
        this.log = log;
        this.ids = ids;
        this.policy = policy;
        this.changes = changes;
    }

    @Override
    public Group create(Caller caller, String name, Set<UserId> members) {
        GroupName groupName = new GroupName(name);
        Set<UserId> others = new LinkedHashSet<>(Require.present(members, "members"));
        others.remove(caller.user());
        if (others.size() + 1 > policy.maxMembers()) {
            // refused before looking anyone up, with the same rejection as the group's own limit
            throw RejectedException.of(Rejection.GROUP_FULL,
                    "a group may have at most " + policy.maxMembers() + " members");
        }
        users.requireAll(others);
        var id = ids.newChatId();
        Group created = Group.create(id, groupName, caller.user(), others, log.head(id), policy);
        Group group;
        try {
            group = chats.saveGroup(created); // a new group: version 0, stored as version 1
        } catch (ConcurrentChangeException taken) {
            // only if a fresh id were taken already: nothing was stored, the caller may try again
            throw RejectedException.of(Rejection.CONFLICT, "the new group's id is taken; retry");
        }
        changes.publishCreated(group, caller);
        return group;
    }
}
