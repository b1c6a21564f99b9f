package dev.chat.application.chats;

import dev.chat.application.chats.GroupAdministrationUseCases.RenameGroupUseCase;
import dev.chat.application.delivery.DeviceEvent.ChatChanged.Change;
import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.chat.GroupName;

/** Use case: an admin renames a group. */
public final class RenameGroup implements RenameGroupUseCase {
    private final GroupChanges changes;

    public RenameGroup(GroupChanges changes) {
        this.changes = changes;
    }

    @Override
    public Group rename(Caller caller, ChatId group, String newName) {
        GroupName name = new GroupName(newName);
        return changes.change(caller, group, g -> g.rename(caller.user(), name), Change.RENAMED, caller.user());
    }
}
