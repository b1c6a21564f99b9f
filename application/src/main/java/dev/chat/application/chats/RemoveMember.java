package dev.chat.application.chats;

import dev.chat.application.chats.GroupAdministrationUseCases.RemoveMemberUseCase;
import dev.chat.application.delivery.DeviceEvent.ChatChanged.Change;
import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.user.UserId;

/** Use case: an admin removes a member, who gets nothing of the group from then on. */
public final class RemoveMember implements RemoveMemberUseCase {
    private final GroupChanges changes;

    public RemoveMember(GroupChanges changes) {
        this.changes = changes;
    }

    @Override
    public Group remove(Caller caller, ChatId group, UserId member) {
        Change kind = member.equals(caller.user()) ? Change.MEMBER_LEFT : Change.MEMBER_REMOVED;
        return changes.change(caller, group, g -> g.removeMember(caller.user(), member), kind, member);
    }
}
