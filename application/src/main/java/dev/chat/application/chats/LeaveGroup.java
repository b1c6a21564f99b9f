package dev.chat.application.chats;

import dev.chat.application.chats.GroupAdministrationUseCases.LeaveGroupUseCase;
import dev.chat.application.delivery.DeviceEvent.ChatChanged.Change;
import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.ChatId;

/** Use case: a member leaves a group (an admin leaving hands the role on if no admin is left). */
public final class LeaveGroup implements LeaveGroupUseCase {
    private final GroupChanges changes;

    public LeaveGroup(GroupChanges changes) {
        this.changes = changes;
    }

    @Override
    public void leave(Caller caller, ChatId group) {
        changes.change(caller, group, g -> g.leave(caller.user()), Change.MEMBER_LEFT, caller.user());
    }
}
