package dev.chat.application.chats;

import dev.chat.application.chats.GroupAdministrationUseCases.AddMemberUseCase;
import dev.chat.application.delivery.DeviceEvent.ChatChanged.Change;
import dev.chat.application.identity.Caller;
import dev.chat.application.port.MessageLog;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupPolicy;
import dev.chat.domain.user.UserId;

import java.util.List;

/** Use case: an admin adds a member, who sees the messages sent from then on. */
public final class AddMember implements AddMemberUseCase {
    private final GroupChanges changes;
    private final KnownUsers users;
    private final MessageLog log;
    private final GroupPolicy policy;

    public AddMember(GroupChanges changes, KnownUsers users, MessageLog log, GroupPolicy policy) {
        this.changes = changes;
        this.users = users;
        this.log = log;
        this.policy = policy;
    }

    @Override
    public Group add(Caller caller, ChatId group, UserId newcomer) {
        changes.groupOf(caller, group);
        users.requireAll(List.of(newcomer));
        return changes.change(caller, group, g -> g.addMember(caller.user(), newcomer, log.head(group), policy),
                Change.MEMBER_ADDED, newcomer);
    }
}
