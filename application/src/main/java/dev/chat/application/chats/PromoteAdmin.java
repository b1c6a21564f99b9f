package dev.chat.application.chats;

import dev.chat.application.chats.GroupAdministrationUseCases.PromoteAdminUseCase;
import dev.chat.application.delivery.DeviceEvent.ChatChanged.Change;
import dev.chat.application.identity.Caller;
import dev.chat.domain.chat.ChatId;
import dev.chat.domain.chat.Group;
import dev.chat.domain.user.UserId;

/** Use case: an admin makes another member an admin. */
public final class PromoteAdmin implements PromoteAdminUseCase {
    private final GroupChanges changes;

    public PromoteAdmin(GroupChanges changes) {
        this.changes = changes;
    }

    @Override
    public Group promote(Caller caller, ChatId group, UserId member) {
        return changes.change(caller, group, g -> g.promote(caller.user(), member), Change.ADMIN_PROMOTED, member);
    }
}
